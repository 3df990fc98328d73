"""Expression base classes, the Concat program, Compose and ConstStr.

Every expression keeps its constructor arguments unchecked (decoding is untyped,
spec §7) and precomputes `_fn`, the function it applies to a `str` input:

* for well-typed arguments `_fn` is a specialised fast function that maps any
  `str` to a `str` and never raises, and `_fast` is True;
* otherwise `_fn` is `_generic`, a literal rendering of the original semantics
  that raises the original's Python exception at the point the original would
  (lazily), and `_fast` is False.

Non-`str` values (a non-string program input, an ill-typed Compose's inner
result, the Python rendering's runtime) always take `_generic`. `Concat.run`
turns any exception into a `RunError` that names the failing expression.

Expressions and programs are immutable values: equal when their classes and
(type-exact) arguments are equal, hashable, and picklable by their arguments.
"""

from typing import ClassVar

from exedec_tf.dsl.errors import ParseError, RunError
from exedec_tf.dsl.robustfill import runner


def describe(obj) -> str:
    """Printable form of an expression or token that never raises (for messages)."""
    if isinstance(obj, Expression):
        try:
            return obj.to_string()
        except ParseError:
            args = ", ".join(describe(a) for a in obj.args)
            return f"{type(obj).__name__}[{args}]"
    if isinstance(obj, type):
        return obj.__name__
    return repr(obj) if isinstance(obj, str) else str(obj)


class Expression:
    """One expression of a Concat program: a function from a string to a string."""

    __slots__ = ("_fn", "_fast")
    # Constructor parameter names, in order; the token width is 1 + their count.
    PARAMS: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def width(cls) -> int:
        """Number of program tokens of the expression: class token plus arguments."""
        return 1 + len(cls.PARAMS)

    @property
    def args(self) -> tuple:
        """The constructor arguments, in constructor order."""
        return tuple(getattr(self, name) for name in self.PARAMS)

    def __call__(self, value):
        """Applies the expression with the original's unchecked semantics.

        Exceptions are the original's plain Python ones; use `run` for a
        `RunError` instead.
        """
        if type(value) is str:
            return self._fn(value)
        return self._generic(value)

    def run(self, value) -> str:
        """Applies the expression to `value`, raising RunError where it cannot."""
        try:
            result = self(value)
        except Exception as exc:
            raise _run_error(self, value, exc) from exc
        if not isinstance(result, str):
            raise RunError(
                f"expression {describe(self)} produced {describe(result)}, "
                f"not a string, on input {value!r}"
            )
        return result

    def _generic(self, value):
        """The original semantics for any argument and value types (slow path)."""
        raise NotImplementedError

    def to_string(self) -> str:
        """The original's printed form (spec §8); ParseError if unprintable."""
        raise NotImplementedError

    def _set_fast(self, fn) -> None:
        self._fn = fn
        self._fast = True

    def _set_slow(self) -> None:
        self._fn = self._generic
        self._fast = False

    def __eq__(self, other):
        return type(self) is type(other) and _same_args(self.args, other.args)

    def __hash__(self):
        return hash((type(self), tuple(map(_typed_key, self.args))))

    def __repr__(self):
        return describe(self)

    def __reduce__(self):
        # The precomputed closures cannot be pickled; rebuild from arguments.
        return (type(self), self.args)


def _typed_key(token):
    # Equal-but-different tokens (the int 1 and True, 1.0) must stay apart.
    return (type(token), token)


def _same_args(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(
        type(x) is type(y) and x == y for x, y in zip(a, b, strict=True)
    )


def _run_error(expression, value, exc: Exception) -> RunError:
    return RunError(
        f"expression {describe(expression)} failed on input {value!r}: "
        f"{type(exc).__name__}: {exc}"
    )


class Substring(Expression):
    """Expressions that select part of the input (split filters rely on this)."""

    __slots__ = ()


class Modification(Expression):
    """Expressions that transform the input (split filters rely on this)."""

    __slots__ = ()


class ConstStr(Expression):
    """A constant character; ignores the input."""

    __slots__ = ("char",)
    PARAMS = ("char",)

    def __init__(self, char):
        self.char = char
        if type(char) is str:
            self._set_fast(lambda value: char)
        else:
            self._set_slow()

    def _generic(self, value):
        return self.char

    def to_string(self) -> str:
        """Returns `Const(<c>)`."""
        if not isinstance(self.char, str):
            raise ParseError(f"cannot print ConstStr of non-string {self.char!r}")
        return "Const(" + self.char + ")"


class Compose(Expression):
    """`modification(modification_or_substring(value))`.

    Decoding may put any expression (or, for a nested Compose, any raw token)
    in either slot; the composition is then plain function application.
    """

    __slots__ = ("modification", "modification_or_substring")
    PARAMS = ("modification", "modification_or_substring")

    def __init__(self, modification, modification_or_substring):
        self.modification = modification
        self.modification_or_substring = modification_or_substring
        outer, inner = modification, modification_or_substring
        if (
            isinstance(outer, Expression)
            and outer._fast
            and isinstance(inner, Expression)
            and inner._fast
        ):
            outer_fn, inner_fn = outer._fn, inner._fn
            self._set_fast(lambda value: outer_fn(inner_fn(value)))
        else:
            self._set_slow()

    def _generic(self, value):
        return self.modification(self.modification_or_substring(value))

    def to_string(self) -> str:
        """Returns `<outer>(<inner>)`."""
        outer, inner = self.modification, self.modification_or_substring
        if not (isinstance(outer, Expression) and isinstance(inner, Expression)):
            raise ParseError(
                f"cannot print Compose of non-expressions "
                f"{describe(outer)} and {describe(inner)}"
            )
        return outer.to_string() + "(" + inner.to_string() + ")"


class Program:
    """A complete RobustFill program."""

    __slots__ = ()

    def run(self, value) -> str:
        """Runs the program on one input string."""
        raise NotImplementedError


class Concat(Program):
    """Concatenation of the outputs of its expressions (possibly none)."""

    __slots__ = ("expressions", "_run")

    def __init__(self, *expressions):
        self.expressions = expressions
        parts = []
        for e in expressions:
            if not (isinstance(e, Expression) and e._fast):
                self._run = self._generic
                return
            parts.append(e.char if type(e) is ConstStr else e._fn)
        self._run = runner.concat_runner(parts)

    def _generic(self, value):
        return "".join([e(value) for e in self.expressions])

    def run(self, value) -> str:
        """Returns the program output on `value`.

        Raises:
            RunError: the program cannot be executed on `value` (ill-typed
                program or non-string input); the message names the expression.
        """
        try:
            if type(value) is str:
                return self._run(value)
            return self._generic(value)
        except Exception as exc:
            raise self._locate_failure(value, exc) from exc

    __call__ = run

    def _locate_failure(self, value, exc: Exception) -> RunError:
        # Failures are rare, so re-running expression by expression to name the
        # culprit costs nothing on the fast path.
        for e in self.expressions:
            try:
                e.run(value) if isinstance(e, Expression) else e(value)
            except RunError as err:
                return err
            except Exception as err:
                return _run_error(e, value, err)
        return RunError(f"program {self!r} failed on input {value!r}: {exc}")

    def to_string(self) -> str:
        """Returns the expressions' printed forms joined by ` | `."""
        return " | ".join(e.to_string() for e in self.expressions)

    def __eq__(self, other):
        return type(other) is Concat and self.expressions == other.expressions

    def __hash__(self):
        return hash(self.expressions)

    def __repr__(self):
        return "Concat(" + " | ".join(describe(e) for e in self.expressions) + ")"

    def __reduce__(self):
        return (Concat, self.expressions)
