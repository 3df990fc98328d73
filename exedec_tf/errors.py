"""The base class of every error the library raises on purpose.

Front ends (`exedec-tf`, the demo) catch `ExeDecError` in one place and print
its message; anything else is a bug and keeps its traceback. Subclasses keep
a built-in second base (`ValueError`, `RuntimeError`, ...) so that callers who
catch the built-in kind still do.
"""


class ExeDecError(Exception):
    """Base of the library's own errors; the message names the bad value."""


class ConfigError(ExeDecError, ValueError):
    """A configuration value is invalid or unknown (a config field, a model
    type, a config name, an override)."""
