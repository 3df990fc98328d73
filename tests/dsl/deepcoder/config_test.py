"""Tests for exedec_tf.dsl.deepcoder.config."""

import dataclasses

import pytest

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig


def test_defaults():
    assert DEFAULT_CONFIG == DeepCoderConfig(
        max_int=50, max_list_length=5, num_variables=10
    )
    assert DEFAULT_CONFIG.min_int == -50


def test_frozen_and_hashable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_CONFIG.max_int = 3
    assert hash(DeepCoderConfig()) == hash(DEFAULT_CONFIG)


def test_custom_values():
    config = DeepCoderConfig(max_int=255, max_list_length=20, num_variables=3)
    assert config.min_int == -255
    assert DeepCoderConfig(max_int=0).min_int == 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"max_int": -1}, "max_int"),
        ({"max_int": 2.0}, "max_int"),
        ({"max_int": True}, "max_int"),
        ({"max_list_length": -1}, "max_list_length"),
        ({"max_list_length": "5"}, "max_list_length"),
        ({"num_variables": 0}, "num_variables"),
    ],
)
def test_invalid_values_name_the_field(kwargs, field):
    with pytest.raises(ValueError, match=field):
        DeepCoderConfig(**kwargs)
