"""The command line finds named configs through a registry module."""

import sys
import types

import pytest

from exedec_tf import cli
from exedec_tf.commands import registry
from exedec_tf.configs import get_config as registry_get_config
from exedec_tf.errors import ConfigError


def test_default_registry_is_the_configs_package(monkeypatch):
    monkeypatch.delenv(registry.REGISTRY_ENV, raising=False)
    assert registry.get_config("deepcoder_joint_tiny") == registry_get_config(
        "deepcoder_joint_tiny"
    )
    assert (
        registry.config_name("robustfill", "synthesizer_model", "tiny")
        == "robustfill_synthesizer_tiny"
    )


def test_another_registry_module_by_environment(monkeypatch, capsys):
    mine = types.ModuleType("my_configs")
    base = registry_get_config("deepcoder_joint_tiny")
    mine.get_config = lambda name: base.override({"name": name})
    monkeypatch.setitem(sys.modules, "my_configs", mine)
    monkeypatch.setenv(registry.REGISTRY_ENV, "my_configs")
    assert registry.get_config("anything").name == "anything"
    # The command line uses it too.
    args = ["export", "--config=mine", "--random_weights", "--output_dir=/nonexistent"]
    assert cli.main(args + ["--spec_length=0"]) == 2
    assert "spec_length must be a positive int" in capsys.readouterr().err


def test_a_missing_registry_is_a_config_error(monkeypatch):
    monkeypatch.setenv(registry.REGISTRY_ENV, "no_such_registry_module")
    with pytest.raises(ConfigError, match="cannot import the config registry"):
        registry.get_config("x")
    monkeypatch.setitem(sys.modules, "empty_registry", types.ModuleType("e"))
    monkeypatch.setenv(registry.REGISTRY_ENV, "empty_registry")
    with pytest.raises(ConfigError, match="has no get_config"):
        registry.get_config("x")
