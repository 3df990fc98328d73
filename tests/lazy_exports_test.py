"""Lazy package attributes: loaded on first read, cached, listed, refused."""

import sys
import types

import pytest

from exedec_tf.lazy_exports import lazy_exports


@pytest.fixture
def package(monkeypatch):
    module = types.ModuleType("lazy_pkg")
    monkeypatch.setitem(sys.modules, "lazy_pkg", module)
    module.__getattr__, module.__dir__ = lazy_exports(
        "lazy_pkg", {"dumps": "json", "dedent": "textwrap"}
    )
    return module


def test_a_name_loads_its_module_and_is_cached(package):
    import json

    assert "dumps" not in vars(package)
    assert package.dumps is json.dumps
    assert vars(package)["dumps"] is json.dumps


def test_dir_lists_the_lazy_names(package):
    assert {"dumps", "dedent"} <= set(dir(package))


def test_an_unknown_name_is_an_attribute_error(package):
    with pytest.raises(AttributeError, match="'lazy_pkg' has no attribute 'loads'"):
        package.loads  # noqa: B018


def test_relative_modules_resolve_against_the_package():
    import exedec_tf.models as models
    from exedec_tf.models import config

    assert models.TransformerConfig is config.TransformerConfig
