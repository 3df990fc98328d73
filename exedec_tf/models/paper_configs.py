"""The published model sizes per (domain, model type) (models.md §1.3).

All published models use embedding 512 (= qkv width), MLP 1024, 4 heads,
3 layers, 32 buckets for every relative-bias table, relative attention and
dropout 0.1. They differ in vocabularies, lengths, maximum distances and the
aligned cross-attention flag.
"""

import dataclasses

from exedec_tf.models.config import TransformerConfig

DOMAINS = ("robustfill", "deepcoder")
MODEL_TYPES = (
    "spec_decomposer_model",
    "synthesizer_model",
    "joint_model",
    "baseline_model",
)


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


_RF_SPEC, _RF_PROGRAM, _DC = 87, 316, 153

_SIZES = {
    ("robustfill", "spec_decomposer_model"): ModelSizes(
        4, 200, 85, 200, 800, _RF_SPEC, _RF_SPEC, True, 86
    ),
    ("robustfill", "synthesizer_model"): ModelSizes(
        4, 20, 15, 20, 80, _RF_SPEC, _RF_PROGRAM, False, -1
    ),
    ("robustfill", "joint_model"): ModelSizes(
        4, 200, 15, 200, 800, _RF_SPEC, _RF_PROGRAM, False, -1
    ),
    ("robustfill", "baseline_model"): ModelSizes(
        4, 200, 132, 200, 800, _RF_SPEC, _RF_PROGRAM, False, -1
    ),
    ("deepcoder", "spec_decomposer_model"): ModelSizes(
        3, 60, 30, 60, 180, _DC, _DC, True, 3
    ),
    ("deepcoder", "synthesizer_model"): ModelSizes(
        3, 60, 6, 60, 180, _DC, _DC, False, -1
    ),
    ("deepcoder", "joint_model"): ModelSizes(3, 60, 6, 60, 180, _DC, _DC, False, -1),
    ("deepcoder", "baseline_model"): ModelSizes(
        3, 60, 49, 60, 180, _DC, _DC, False, -1
    ),
}


def paper_sizes(domain: str, model_type: str) -> ModelSizes:
    """The published lengths, distances and vocabularies of one model.

    Raises:
      ValueError: unknown domain or model type.
    """
    if domain not in DOMAINS:
        raise ValueError(f"domain must be one of {DOMAINS}, got {domain!r}")
    if model_type not in MODEL_TYPES:
        raise ValueError(f"model_type must be one of {MODEL_TYPES}, got {model_type!r}")
    return _SIZES[(domain, model_type)]


def paper_config(domain: str, model_type: str, **overrides) -> TransformerConfig:
    """The TransformerConfig that train.py builds for a published model.

    Args:
      domain: "robustfill" or "deepcoder".
      model_type: one of MODEL_TYPES.
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
        num_input_relative_position_buckets=buckets,
        max_input_distance=sizes.max_distance,
        num_output_relative_position_buckets=buckets,
        max_output_distance=sizes.max_distance,
        num_input_cross_output_relative_position_buckets=buckets,
        max_input_cross_output_distance=sizes.max_distance,
        num_program_relative_position_buckets=buckets,
        max_program_distance=sizes.max_distance,
        num_program_cross_embed_relative_position_buckets=buckets,
        max_program_cross_embed_distance=sizes.max_program_cross_embed_distance,
        dataset_type=domain,
        aligned_relative_attention=sizes.aligned,
        separator_token_id=sizes.separator_token_id,
    )
    values.update(overrides)
    return TransformerConfig(**values)
