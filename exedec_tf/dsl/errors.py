"""Exception types shared by both DSL interpreters.

Every error raised on bad input derives from `DSLError`, so callers can catch
one type; the subclasses say what kind of input was wrong. Messages always name
the offending token, value or piece of text.
"""

from exedec_tf.errors import ExeDecError


class DSLError(ExeDecError):
    """Base class of every error raised by the DSL interpreters."""


class ParseError(DSLError, ValueError):
    """Text or token ids are not a well-formed program, statement, state or value."""


class UnknownTokenError(ParseError, KeyError):
    """A token or id is not in the vocabulary."""

    def __str__(self):
        # KeyError quotes its message; show it plainly like the other errors.
        return str(self.args[0]) if self.args else ""


class RunError(DSLError):
    """A well-formed program cannot be executed on the given inputs.

    Examples: wrong number of inputs, a reference to an undefined variable, an
    argument of the wrong type discovered at run time.
    """


class InternalError(DSLError):
    """An invariant of the interpreter was broken (a bug, not bad user input)."""
