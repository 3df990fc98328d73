"""Tests of `SearchSettings` and its validation."""

import dataclasses
import json

import numpy as np
import pytest

from exedec_tf.configs.registry import get_config
from exedec_tf.decoding.settings import SearchSettings
from exedec_tf.decoding.validation import BeamSearchInputError
from exedec_tf.errors import ExeDecError
from exedec_tf.models import create_model
from tests.models.tiny import tiny_config

E, L, T = 2, 5, 6


def _settings(**changes):
    values = dict(
        num_examples=E,
        spec_length=L,
        max_decode_length=T,
        spec_vocab_size=20,
        vocab_size=25,
    )
    values.update(changes)
    return SearchSettings(**values)


def test_for_model_takes_ids_and_vocabularies_from_the_model_config():
    config = dataclasses.replace(
        tiny_config("synthesizer_model"), bos_token=4, eos_token=5
    )
    model = create_model("synthesizer_model", config)
    for source in (model, config):
        settings = SearchSettings.for_model(
            source, num_examples=E, spec_length=L, max_decode_length=T, cached=False
        )
        assert (settings.bos_token, settings.eos_token, settings.pad_token) == (4, 5, 0)
        assert (settings.spec_vocab_size, settings.vocab_size) == (20, 25)
        assert (settings.alpha, settings.cached, settings.jit_compile) == (
            0.0,
            False,
            True,
        )


def test_from_experiment_reads_the_data_and_inference_sections():
    config = get_config("robustfill_synthesizer_tiny")
    settings = SearchSettings.from_experiment(config)
    assert settings.num_examples == config.data.num_examples
    assert settings.spec_length == config.inference.spec_length
    assert settings.max_decode_length == config.inference.max_decode_length
    assert settings.cached == config.inference.cached
    assert settings.vocab_size == config.model.output_vocab_size
    shorter = SearchSettings.from_experiment(config, max_decode_length=7)
    assert shorter.max_decode_length == 7


def test_frozen_and_round_trips_through_a_dict():
    settings = _settings(alpha=0.6, jit_compile=False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.spec_length = 3
    asset = {"format_version": 1, "model_type": "x", **settings.to_dict()}
    assert SearchSettings.from_dict(asset) == settings
    old = settings.to_dict()
    del old["pad_token"]  # exports written before it was recorded
    assert SearchSettings.from_dict(old) == settings
    with pytest.raises(BeamSearchInputError, match=r"lack \['spec_length'\]"):
        SearchSettings.from_dict({k: v for k, v in old.items() if k != "spec_length"})


def test_rejects_bad_lengths():
    config = tiny_config("joint_model")
    with pytest.raises(
        BeamSearchInputError, match="max_decode_length must be >= 2, got 1"
    ):
        SearchSettings.for_model(
            config, num_examples=E, spec_length=L, max_decode_length=1
        )
    with pytest.raises(BeamSearchInputError, match="spec_length must be an int"):
        SearchSettings.for_model(
            config, num_examples=E, spec_length=2.5, max_decode_length=T
        )


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"num_examples": 0}, "num_examples must be >= 1, got 0"),
        ({"spec_length": True}, "spec_length must be an int, got True"),
        ({"vocab_size": 0}, "vocab_size must be >= 1"),
        ({"eos_token": 25}, "eos_token=25 is outside the output vocabulary"),
        ({"bos_token": -1}, "bos_token must be >= 0, got -1"),
        ({"pad_token": 3}, "pad_token must be 0"),
        ({"alpha": float("nan")}, "alpha must be finite"),
        ({"alpha": "0.6"}, "alpha must be a float"),
        ({"cached": 1}, "cached must be a bool, got 1"),
    ],
)
def test_bad_settings_name_the_field(changes, message):
    with pytest.raises(BeamSearchInputError, match=message) as raised:
        _settings(**changes)
    assert isinstance(raised.value, ExeDecError)
    assert isinstance(raised.value, ValueError)


def test_numpy_integers_are_stored_as_python_values():
    settings = _settings(spec_length=np.int64(L), alpha=np.float32(0.5))
    assert type(settings.spec_length) is int and type(settings.alpha) is float
    assert json.loads(json.dumps(settings.to_dict()))["spec_length"] == L
