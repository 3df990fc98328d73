"""The shared options: overrides, inference defaults, model paths."""

import argparse

import pytest

from exedec_tf.commands import options
from exedec_tf.errors import ConfigError
from exedec_tf.experiment_config import InferenceConfig


def _parser():
    parser = argparse.ArgumentParser()
    options.add_config_arguments(parser, required=False)
    options.add_loop_arguments(parser, with_batch=True)
    options.add_model_arguments(parser)
    return parser


def test_parse_overrides():
    assert options.parse_overrides(["a.b=1", " c = x=y"]) == {"a.b": "1", "c": " x=y"}
    with pytest.raises(options.UsageError, match="--set needs FIELD=VALUE, got 'a'"):
        options.parse_overrides(["a"])
    with pytest.raises(options.UsageError, match="got '=3'"):
        options.parse_overrides(["=3"])


def test_loop_flags_default_to_the_inference_config():
    args = _parser().parse_args([])
    assert options.inference_from_args(args) == InferenceConfig()
    args = _parser().parse_args(["--beam_size", "3", "--no-use_execution"])
    assert options.inference_from_args(args) == InferenceConfig(
        beam_size=3, use_execution=False
    )


def test_loop_flags_override_the_named_configs_inference():
    args = _parser().parse_args(
        [
            "--config",
            "robustfill_synthesizer_tiny",
            "--set",
            "inference.beam_size=4",
            "--batch_size",
            "2",
        ]
    )
    inference = options.inference_from_args(args)
    assert (inference.beam_size, inference.batch_size) == (4, 2)
    assert (inference.spec_length, inference.max_decode_length) == (200, 100)
    args = _parser().parse_args(
        ["--config", "robustfill_synthesizer_tiny", "--set", "inference.beam_size=4"]
        + ["--beam_size", "6"]
    )
    assert options.inference_from_args(args).beam_size == 6


def test_set_without_config_is_a_usage_error():
    args = _parser().parse_args(["--set", "inference.beam_size=4"])
    with pytest.raises(options.UsageError, match="--set needs --config"):
        options.inference_from_args(args)


def test_bad_flag_values_are_config_errors():
    args = _parser().parse_args(["--beam_size", "0"])
    with pytest.raises(ConfigError, match="beam_size must be a positive int, got 0"):
        options.inference_from_args(args)


def test_help_shows_the_config_defaults(capsys):
    with pytest.raises(SystemExit):
        _parser().parse_args(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "(default 10)" in text and "(default on)" in text


@pytest.mark.parametrize(
    "flags, method",
    [
        (["--spec_decomposer", "S", "--synthesizer", "Y"], "separate"),
        (["--joint", "J"], "joint"),
        (["--baseline", "B"], "baseline"),
    ],
)
def test_model_paths(flags, method):
    assert options.model_paths(_parser().parse_args(flags)).method == method


def test_model_paths_name_the_flags_given():
    args = _parser().parse_args(["--joint", "J", "--synthesizer", "Y"])
    with pytest.raises(
        options.UsageError, match="or only --baseline; got --synthesizer, --joint"
    ):
        options.model_paths(args)
