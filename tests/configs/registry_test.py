"""Every registered config builds and is valid."""

import dataclasses

import pytest

from exedec_tf.configs import CONFIG_NAMES, config_name, get_config
from exedec_tf.data.split_sizes import SPLIT_SIZES
from exedec_tf.errors import ConfigError
from exedec_tf.models import paper_sizes


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
    assert (config.data.max_input_length, config.data.max_target_length) == (200, 85)
    assert (config.train.batch_size, config.train.num_steps) == (128, 500_000)
    assert config.train.learning_rate == 2e-4 and config.train.weight_decay == 0.1


def test_overrides_and_errors():
    config = get_config("deepcoder_baseline_tiny", num_steps=350)
    assert config.train.num_steps == 350
    with pytest.raises(ValueError, match="num_steps 7 must be a multiple of"):
        get_config("deepcoder_baseline_tiny", num_steps=7)
    with pytest.raises(ValueError, match="deepcoder_basline_tiny"):
        get_config("deepcoder_basline_tiny")
    with pytest.raises(ValueError, match="group_size"):
        get_config("deepcoder_baseline_tiny", batch_size=12)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.train.num_steps = 3


@pytest.mark.parametrize("name", CONFIG_NAMES)
def test_names_are_domain_model_type_scale(name):
    config = get_config(name)
    assert name == config_name(config.domain, config.model_type, config.data.scale)
    assert name == f"{config.domain}_{config.model_type.short}_{config.data.scale}"
    assert config.model.dataset_type == config.domain


def test_every_config_reads_the_published_tables():
    for name in CONFIG_NAMES:
        config = get_config(name)
        sizes = paper_sizes(config.domain, config.model_type)
        assert config.data.num_examples == sizes.num_examples
        assert config.data.max_input_length == sizes.max_input_length
        assert config.data.max_target_length == sizes.max_target_length
        assert config.inference.spec_length == sizes.end_to_end_spec_length
        assert config.inference.max_decode_length == sizes.end_to_end_decode_length
        assert (
            config.data.split_sizes(config.domain)
            == (SPLIT_SIZES[config.domain][config.data.scale])
        )


def test_end_to_end_lengths_of_the_loop_models():
    synth = get_config("robustfill_synthesizer_paper").inference
    assert (synth.spec_length, synth.max_decode_length) == (200, 100)
    spec = get_config("deepcoder_spec_decomposer_tiny").inference
    assert (spec.spec_length, spec.max_decode_length) == (100, 30)


def test_unknown_name_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown config 'robustfill_synth_tiny'"):
        get_config("robustfill_synth_tiny")
