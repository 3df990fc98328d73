import dataclasses
import json

import pytest

from exedec_tf.configs import get_config
from exedec_tf.data.split_sizes import SplitSize
from exedec_tf.errors import ConfigError
from exedec_tf.experiment_config import (
    DataConfig,
    ExperimentConfig,
    InferenceConfig,
    TrainConfig,
)
from exedec_tf.models import ModelType, paper_config

CONFIG = get_config("deepcoder_synthesizer_tiny")


def _config(**changes) -> ExperimentConfig:
    values = dict(
        name="x",
        domain="robustfill",
        model_type="synthesizer",
        model=paper_config("robustfill", "synthesizer", emb_dim=32, qkv_dim=32),
        data=DataConfig(num_examples=4, max_input_length=20, max_target_length=15),
        train=TrainConfig(),
        inference=InferenceConfig(spec_length=200, max_decode_length=100),
    )
    values.update(changes)
    return ExperimentConfig(**values)


def test_model_type_is_parsed():
    assert _config().model_type is ModelType.SYNTHESIZER
    assert _config(model_type="synthesizer_model").model_type is ModelType.SYNTHESIZER


def test_json_round_trip():
    text = json.dumps(CONFIG.to_dict())
    again = ExperimentConfig.from_dict(json.loads(text))
    assert again == CONFIG
    assert again.model_type is ModelType.SYNTHESIZER
    assert json.loads(CONFIG.to_json())["model_type"] == "synthesizer_model"


def test_json_round_trip_with_split_size_overrides():
    config = CONFIG.override({"data.sizes": {"train": [2, 20, 10]}})
    assert config.data.split_sizes("deepcoder")["train"] == SplitSize(2, 20, 10)
    again = ExperimentConfig.from_dict(json.loads(config.to_json()))
    assert again == config


def test_from_dict_names_unknown_and_missing_keys():
    values = CONFIG.to_dict()
    with pytest.raises(ConfigError, match=r"unknown ExperimentConfig fields: \['x'\]"):
        ExperimentConfig.from_dict({**values, "x": 1})
    values["train"]["num_step"] = 3
    with pytest.raises(ConfigError, match=r"unknown train fields: \['num_step'\]"):
        ExperimentConfig.from_dict(values)
    values = CONFIG.to_dict()
    del values["data"]["num_examples"]
    with pytest.raises(ConfigError, match=r"missing data fields: \['num_examples'\]"):
        ExperimentConfig.from_dict(values)


def test_override_converts_command_line_text():
    config = CONFIG.override(
        {
            "train.num_steps": "100",
            "train.learning_rate": "0.01",
            "inference.cached": "false",
            "inference.beam_size": 4,
            "model.dropout_rate": "0.2",
            "data.experiment": "compose_new_op",
            "data.sizes": '{"train": [1, 10, 10]}',
            "name": "mine",
        }
    )
    assert config.train.num_steps == 100
    assert config.train.learning_rate == 0.01
    assert config.inference.cached is False and config.inference.beam_size == 4
    assert config.model.dropout_rate == 0.2
    assert config.data.experiment == "COMPOSE_NEW_OP"
    assert config.data.sizes == {"train": (1, 10, 10)}
    assert config.name == "mine"
    # The original is unchanged.
    assert CONFIG.train.num_steps == 300 and CONFIG.inference.cached is True
    assert CONFIG.override({"data.sizes": "none"}).data.sizes is None


@pytest.mark.parametrize(
    "changes, match",
    [
        ({"train.num_step": 1}, "unknown config field 'train.num_step'"),
        ({"trainer.num_steps": 1}, "unknown config section 'trainer'"),
        ({"train": 1}, "unknown config field 'train'"),
        ({"nope": 1}, "unknown config field 'nope'"),
        ({"train.num_steps": "ten"}, "bad value 'ten' for train.num_steps"),
        ({"inference.cached": "maybe"}, "bad value 'maybe' for inference.cached"),
        ({"train.num_steps": 0}, "num_steps must be a positive int, got 0"),
        ({"inference.beam_size": True}, "beam_size must be a positive int"),
        ({"model.emb_dim": "0"}, "emb_dim must be >= 1"),
        ({"model_type": "decoder"}, "unknown model type 'decoder'"),
        ({"data.scale": "huge"}, "unknown scale 'huge'"),
        ({"data.experiment": "nope"}, "unknown experiment 'nope'"),
    ],
)
def test_override_errors_name_the_field_and_value(changes, match):
    with pytest.raises(ConfigError, match=match):
        CONFIG.override(changes)


@pytest.mark.parametrize(
    "changes, match",
    [
        ({"domain": "scan"}, "domain must be one of"),
        ({"domain": "deepcoder"}, "dataset_type 'robustfill' differs"),
        ({"name": ""}, "name must be a non-empty string"),
        ({"train": {"num_steps": 3}}, "train must be a TrainConfig, got dict"),
    ],
)
def test_invalid_configs(changes, match):
    with pytest.raises(ConfigError, match=match):
        _config(**changes)


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: TrainConfig(batch_size=12), "multiple of group_size=16"),
        (lambda: TrainConfig(corruption_rate=2.0), "corruption_rate"),
        (lambda: TrainConfig(eval_batches=-1), "eval_batches must be >= 0"),
        (lambda: TrainConfig(learning_rate=0), "learning_rate must be > 0"),
        (
            lambda: InferenceConfig(spec_length=10, max_decode_length=1),
            "max_decode_length must be >= 2",
        ),
        (
            lambda: InferenceConfig(spec_length=10, max_decode_length=5, cached=1),
            "InferenceConfig.cached must be a bool, got 1",
        ),
        (
            lambda: DataConfig(4, 20, 15, sizes={"dev": [1, 1]}),
            "unknown split 'dev'",
        ),
        (lambda: DataConfig(4, 20, 0), "max_target_length must be a positive int"),
    ],
)
def test_section_validation(make, match):
    with pytest.raises(ConfigError, match=match):
        make()


def test_sections_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CONFIG.inference.beam_size = 3


def test_data_names_its_tfds_config():
    assert CONFIG.data.tfds_config_name == "none_tiny"
    config = CONFIG.override({"data.experiment": "LENGTH_GENERALIZATION"})
    assert config.data.tfds_config_name == "length_generalization_tiny"
    small = CONFIG.override({"data.sizes": {"train": [1, 10, 10]}})
    other = CONFIG.override({"data.sizes": {"train": [1, 20, 10]}})
    assert small.data.tfds_config_name.startswith("none_tiny_")
    assert small.data.tfds_config_name != other.data.tfds_config_name


def test_inference_lengths_are_optional_but_validated():
    assert InferenceConfig().spec_length is None
    with pytest.raises(ConfigError, match="spec_length must be a positive int, got 0"):
        InferenceConfig(spec_length=0)


def test_num_steps_must_be_whole_loops():
    with pytest.raises(ConfigError, match="num_steps 10 must be a multiple of"):
        TrainConfig(num_steps=10, steps_per_loop=3)
