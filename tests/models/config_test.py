"""Tests of TransformerConfig."""

import dataclasses
import inspect
import json

import pytest

from exedec_tf.models.config import (
    TransformerConfig,
    as_config,
    uniform_bucket_fields,
)

# The original's code defaults (models.md §1.1 and §1.2).
CODE_DEFAULTS = dict(
    shift=True,
    dtype="float32",
    emb_dim=128,
    num_heads=4,
    num_layers=3,
    qkv_dim=128,
    mlp_dim=512,
    max_len=2048,
    dropout_rate=0.1,
    attention_dropout_rate=0.1,
    use_relative_attention=False,
    num_input_relative_position_buckets=41,
    max_input_distance=20,
    num_output_relative_position_buckets=160,
    max_output_distance=200,
    num_input_cross_output_relative_position_buckets=160,
    max_input_cross_output_distance=200,
    num_program_relative_position_buckets=101,
    max_program_distance=100,
    num_program_cross_embed_relative_position_buckets=128,
    max_program_cross_embed_distance=800,
    bos_token=1,
    eos_token=2,
    dataset_type="robustfill",
    aligned_relative_attention=False,
    separator_token_id=-1,
)


def test_code_defaults():
    config = TransformerConfig(vocab_size=87, output_vocab_size=316)
    for name, value in CODE_DEFAULTS.items():
        assert getattr(config, name) == value, name
    assert config.head_dim == 32


def test_every_field_has_a_comment():
    source = inspect.getsource(TransformerConfig)
    for field in dataclasses.fields(TransformerConfig):
        before = source.split(f"    {field.name}: ")[0].rstrip().splitlines()[-1]
        assert before.strip().startswith("#"), field.name


def test_round_trips():
    config = TransformerConfig(
        vocab_size=153,
        output_vocab_size=153,
        use_relative_attention=True,
        aligned_relative_attention=True,
        separator_token_id=3,
        dataset_type="deepcoder",
    )
    as_json = json.dumps(config.to_dict())
    assert TransformerConfig.from_dict(json.loads(as_json)) == config
    assert as_config(config.to_dict()) == config
    assert as_config(config) is config
    assert config.replace(shift=False).shift is False


def test_frozen():
    config = TransformerConfig(vocab_size=5, output_vocab_size=5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.emb_dim = 3


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"vocab_size": 0}, "vocab_size"),
        ({"output_vocab_size": 1}, "bos_token"),
        ({"emb_dim": 0}, "emb_dim"),
        ({"num_layers": 0}, "num_layers"),
        ({"qkv_dim": 130}, "qkv_dim"),
        ({"mlp_dim": -1}, "mlp_dim"),
        ({"dropout_rate": 1.0}, "dropout_rate"),
        ({"attention_dropout_rate": -0.1}, "attention_dropout_rate"),
        ({"dtype": "bfloat16"}, "dtype"),
        ({"max_input_distance": 0}, "max_input_distance"),
        (
            {"num_program_relative_position_buckets": 1},
            "num_program_relative_position_buckets",
        ),
        ({"dataset_type": "scan"}, "dataset_type"),
        ({"separator_token_id": 400}, "separator_token_id"),
        ({"separator_token_id": -2}, "separator_token_id"),
        ({"emb_dim": 15, "qkv_dim": 15, "num_heads": 3}, "emb_dim"),  # sinusoids
        ({"emb_dim": 3.0}, "emb_dim"),
        ({"shift": 1}, "shift"),
        ({"num_heads": True}, "num_heads"),
    ],
)
def test_validation_names_the_field(changes, field):
    values = dict(vocab_size=87, output_vocab_size=316)
    values.update(changes)
    with pytest.raises(ValueError, match=field):
        TransformerConfig(**values)


def test_unknown_dict_field():
    with pytest.raises(ValueError, match="colour"):
        TransformerConfig.from_dict(
            {"vocab_size": 3, "output_vocab_size": 3, "colour": 1}
        )


def test_float_fields_accept_ints():
    config = TransformerConfig(vocab_size=3, output_vocab_size=3, dropout_rate=0)
    assert config.dropout_rate == 0


def test_uniform_bucket_fields_sets_every_attention_kind():
    fields = uniform_bucket_fields(8, 20, 80)
    assert len(fields) == 2 * len(TransformerConfig.bucket_settings())
    for buckets, distance, _ in TransformerConfig.bucket_settings():
        assert fields[buckets] == 8
        expected = 80 if distance == "max_program_cross_embed_distance" else 20
        assert fields[distance] == expected
    config = TransformerConfig(
        vocab_size=10, output_vocab_size=10, use_relative_attention=True, **fields
    )
    assert config.max_input_distance == 20
    assert config.num_program_relative_position_buckets == 8
