"""Package attributes that import their defining module on first use (PEP 562).

A package lists its public names and where each is defined, and gets the
module-level `__getattr__` and `__dir__` that load a name's module only when
the name is first read, so importing the package stays cheap:

    _EXPORTS = {"TransformerConfig": ".config", "Task": "exedec_tf.domains.records"}
    __all__ = sorted(_EXPORTS)
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
"""

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The `__getattr__` and `__dir__` of `package` for its lazy names.

    Args:
      package: the package's `__name__`.
      exports: public name -> the module that defines it, absolute or
        relative to `package` (a leading dot, as `importlib.import_module`).
    """

    def __getattr__(name: str):
        """Imports the module of `name` on first use; later reads skip this hook."""
        try:
            module = exports[name]
        except KeyError:
            raise AttributeError(
                f"module {package!r} has no attribute {name!r}"
            ) from None
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__
