"""Every registered config builds and is valid."""

import dataclasses

import pytest

from configs import CONFIG_NAMES, get_config


def test_there_are_24_configs():
    assert len(CONFIG_NAMES) == 2 * 4 * 3


@pytest.mark.parametrize("name", CONFIG_NAMES)
def test_every_config_builds(name):
    config = get_config(name)
    assert config.name == name
    assert config.train.batch_size % config.train.group_size == 0
    assert config.model.output_vocab_size > 2


def test_paper_config_has_published_hyperparameters():
    config = get_config("robustfill_spec_decomposer_paper")
    assert (config.model.emb_dim, config.model.mlp_dim, config.model.num_layers) == (
        512,
        1024,
        3,
    )
    assert (
        config.model.aligned_relative_attention
        and config.model.separator_token_id == 86
    )
    assert (config.max_input_length, config.max_target_length) == (200, 85)
    assert (config.train.batch_size, config.train.num_steps) == (128, 500_000)
    assert config.train.learning_rate == 2e-4 and config.train.weight_decay == 0.1


def test_overrides_and_errors():
    config = get_config("deepcoder_baseline_tiny", num_steps=7)
    assert config.train.num_steps == 7
    with pytest.raises(ValueError, match="deepcoder_basline_tiny"):
        get_config("deepcoder_basline_tiny")
    with pytest.raises(ValueError, match="group_size"):
        get_config("deepcoder_baseline_tiny", batch_size=12)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.train.num_steps = 3
