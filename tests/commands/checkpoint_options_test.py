"""Choosing the config of a checkpoint: named, from JSON, or inferred."""

import argparse

import pytest

from exedec_tf.commands import checkpoint_options
from exedec_tf.configs import get_config
from exedec_tf.errors import ConfigError


def _args(*argv):
    parser = argparse.ArgumentParser()
    checkpoint_options.add_checkpoint_config_arguments(parser)
    return parser.parse_args(argv)


def test_a_named_or_json_config_is_explicit(tmp_path):
    assert checkpoint_options.explicit_config(_args()) is None
    named = checkpoint_options.explicit_config(
        _args("--config", "deepcoder_joint_tiny")
    )
    assert named == get_config("deepcoder_joint_tiny")
    path = tmp_path / "c.json"
    path.write_text(named.to_json())
    assert (
        checkpoint_options.explicit_config(_args("--config_json", str(path))) == named
    )


def test_contradictions_are_refused():
    with pytest.raises(ConfigError, match="not both"):
        checkpoint_options.explicit_config(_args("--config", "a", "--config_json", "b"))
    with pytest.raises(ConfigError, match="--config already names both"):
        checkpoint_options.explicit_config(
            _args("--config", "deepcoder_joint_tiny", "--model_type", "joint")
        )


def test_inferring_needs_an_original_checkpoint(tmp_path):
    for weights in (None, tmp_path / "m.weights.h5"):
        with pytest.raises(ConfigError, match="inferred only from a checkpoint"):
            checkpoint_options.checkpoint_config(_args(), weights)
