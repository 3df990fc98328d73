import importlib
import inspect
import pathlib
import re

import pytest

import exedec_tf
from exedec_tf.errors import ConfigError, ExeDecError

_PACKAGE = pathlib.Path(exedec_tf.__file__).parent
_ERROR_CLASS = re.compile(r"^class \w*Error\b", re.MULTILINE)


def _module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(_PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# Modules that define error classes.
_MODULES = sorted(
    _module_name(path)
    for path in _PACKAGE.rglob("*.py")
    if _ERROR_CLASS.search(path.read_text())
)


def test_config_error_is_a_value_error():
    assert issubclass(ConfigError, ExeDecError)
    assert issubclass(ConfigError, ValueError)


@pytest.mark.parametrize("module_name", _MODULES)
def test_every_library_error_derives_from_exedec_error(module_name):
    module = importlib.import_module(module_name)
    errors = [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, BaseException) and cls.__module__ == module_name
    ]
    for cls in errors:
        assert issubclass(cls, ExeDecError), f"{module_name}.{cls.__name__}"


def test_the_scan_finds_the_error_modules():
    assert "exedec_tf.dsl.errors" in _MODULES
    assert "exedec_tf.synthesis.loading" in _MODULES
