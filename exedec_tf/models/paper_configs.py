"""The published sizes per (domain, model type) (models.md §1.3), and the
lengths the published end-to-end evaluation searches with (inference.md
§2.10, §2.11). This is the one table of these facts; configs read it.

All published models use embedding 512 (= qkv width), MLP 1024, 4 heads,
3 layers, 32 buckets for every relative-bias table, relative attention and
dropout 0.1. They differ in vocabularies, lengths, maximum distances and the
aligned cross-attention flag.
"""

import dataclasses

from exedec_tf import domains
from exedec_tf.errors import ConfigError
from exedec_tf.models.config import TransformerConfig, uniform_bucket_fields
from exedec_tf.models.model_type import ModelType

DOMAINS = domains.names()


@dataclasses.dataclass(frozen=True)
class ModelSizes:
    """Data-side sizes and per-model settings of one published model."""

    # I/O examples per task, N.
    num_examples: int
    # Padded input and output length per example, Li = Lo.
    max_input_length: int
    # Padded target length, T.
    max_target_length: int
    # max_distance flag: the four non-program-cross attention kinds.
    max_distance: int
    # Max distance of the decoder cross-attention (N * max_input_length).
    max_program_cross_embed_distance: int
    # Spec vocabulary size V_in.
    vocab_size: int
    # Target vocabulary size V_out.
    output_vocab_size: int
    # Whether the decoder cross-attention is aligned at separators.
    aligned: bool
    # Separator id for aligned attention, -1 otherwise.
    separator_token_id: int
    # End-to-end spec length L of the searches (the ExeDec loop's specs; the
    # baseline is evaluated by the in-training predict phase).
    end_to_end_spec_length: int
    # End-to-end maximum decode length T of the searches.
    end_to_end_decode_length: int


_RF_SPEC, _RF_PROGRAM, _DC = 87, 316, 153

_SPEC = ModelType.SPEC_DECOMPOSER
_SYNTH = ModelType.SYNTHESIZER
_JOINT = ModelType.JOINT
_BASE = ModelType.BASELINE
_SIZES = {
    ("robustfill", _SPEC): ModelSizes(
        4, 200, 85, 200, 800, _RF_SPEC, _RF_SPEC, True, 86, 200, 85
    ),
    ("robustfill", _SYNTH): ModelSizes(
        4, 20, 15, 20, 80, _RF_SPEC, _RF_PROGRAM, False, -1, 200, 100
    ),
    ("robustfill", _JOINT): ModelSizes(
        4, 200, 15, 200, 800, _RF_SPEC, _RF_PROGRAM, False, -1, 200, 100
    ),
    ("robustfill", _BASE): ModelSizes(
        4, 200, 132, 200, 800, _RF_SPEC, _RF_PROGRAM, False, -1, 200, 132
    ),
    ("deepcoder", _SPEC): ModelSizes(3, 60, 30, 60, 180, _DC, _DC, True, 3, 100, 30),
    ("deepcoder", _SYNTH): ModelSizes(3, 60, 6, 60, 180, _DC, _DC, False, -1, 100, 42),
    ("deepcoder", _JOINT): ModelSizes(3, 60, 6, 60, 180, _DC, _DC, False, -1, 100, 42),
    ("deepcoder", _BASE): ModelSizes(3, 60, 49, 60, 180, _DC, _DC, False, -1, 60, 49),
}


def paper_sizes(domain: str, model_type: ModelType | str) -> ModelSizes:
    """The published lengths, distances and vocabularies of one model.

    Args:
      domain: "robustfill" or "deepcoder".
      model_type: a `ModelType` or its name in either spelling.

    Raises:
      ConfigError: unknown domain or model type.
    """
    if domain not in DOMAINS:
        raise ConfigError(f"domain must be one of {DOMAINS}, got {domain!r}")
    return _SIZES[(domain, ModelType.parse(model_type))]


def paper_config(
    domain: str, model_type: ModelType | str, **overrides
) -> TransformerConfig:
    """The TransformerConfig that train.py builds for a published model.

    Args:
      domain: "robustfill" or "deepcoder".
      model_type: a `ModelType` or its name.
      **overrides: fields to change, e.g. `shift=False` for beam search.

    Returns:
      The validated config.
    """
    sizes = paper_sizes(domain, model_type)
    buckets = 32
    values = dict(
        vocab_size=sizes.vocab_size,
        output_vocab_size=sizes.output_vocab_size,
        emb_dim=512,
        num_heads=4,
        num_layers=3,
        qkv_dim=512,
        mlp_dim=1024,
        max_len=max(sizes.max_input_length, sizes.max_target_length),
        dropout_rate=0.1,
        attention_dropout_rate=0.1,
        use_relative_attention=True,
        **uniform_bucket_fields(
            buckets, sizes.max_distance, sizes.max_program_cross_embed_distance
        ),
        dataset_type=domain,
        aligned_relative_attention=sizes.aligned,
        separator_token_id=sizes.separator_token_id,
    )
    values.update(overrides)
    return TransformerConfig(**values)
