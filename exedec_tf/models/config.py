"""Configuration of the ExeDec Transformer (models.md §1.1 and §1.2).

`TransformerConfig` merges the original's base Transformer config with the
fields of its decomposition wrapper. Defaults are the original code defaults;
train.py overrides many of them, see `paper_configs.py` for the published
sizes. Fields of the original that have no meaning here are left out:
`deterministic` (Keras' `training` argument), `decode` (the cached decode path
is not implemented in the original either), `output_head` (always logits) and
the initialiser fields (fixed to Flax's defaults in `exedec_tf.layers`).
"""

import dataclasses
from collections.abc import Mapping
from typing import Any

from exedec_tf import domains
from exedec_tf.errors import ConfigError
from exedec_tf.layers.relative_position import check_bucket_settings

# The domain a model is for (the original's `dataset_type` field).
DATASET_TYPES = domains.names()


@dataclasses.dataclass(frozen=True)
class TransformerConfig:
    """Hyperparameters of one ExeDec model; validated on construction.

    Raises:
      ConfigError: a field has a bad value; the message names the field.
    """

    # Specification (encoder-side) vocabulary size, V_in.
    vocab_size: int
    # Target vocabulary size V_out: spec vocab (SpecDecomposer) or programs.
    output_vocab_size: int
    # Whether `call` shifts targets right with BOS (train/eval, not beam search).
    shift: bool = True
    # Compute dtype; the original uses float32 everywhere.
    dtype: str = "float32"
    # Embedding width D (paper: 512).
    emb_dim: int = 128
    # Attention heads H.
    num_heads: int = 4
    # Blocks per stack (encoder input, encoder output and decoder stacks).
    num_layers: int = 3
    # Total query/key/value width; train.py sets it to emb_dim.
    qkv_dim: int = 128
    # Hidden width F of the MLP blocks (paper: 1024).
    mlp_dim: int = 512
    # Sinusoid table length; only the non-relative variant uses it.
    max_len: int = 2048
    # Dropout after embeddings, attention outputs and inside MLPs.
    dropout_rate: float = 0.1
    # Dropout on attention weights.
    attention_dropout_rate: float = 0.1
    # Relative-position attention biases (all published runs) or sinusoids.
    use_relative_attention: bool = False
    # Buckets of the encoder input self-attention.
    num_input_relative_position_buckets: int = 41
    # Max distance of the encoder input self-attention.
    max_input_distance: int = 20
    # Buckets of the encoder output self-attention.
    num_output_relative_position_buckets: int = 160
    # Max distance of the encoder output self-attention.
    max_output_distance: int = 200
    # Buckets of the encoder output-to-input cross-attention.
    num_input_cross_output_relative_position_buckets: int = 160
    # Max distance of the encoder output-to-input cross-attention.
    max_input_cross_output_distance: int = 200
    # Buckets of the decoder (causal) self-attention.
    num_program_relative_position_buckets: int = 101
    # Max distance of the decoder self-attention.
    max_program_distance: int = 100
    # Buckets of the decoder cross-attention to the flattened I/O encoding.
    num_program_cross_embed_relative_position_buckets: int = 128
    # Max distance of the decoder cross-attention.
    max_program_cross_embed_distance: int = 800
    # Id prepended to targets by the shift.
    bos_token: int = 1
    # Id that ends a target sequence (the beam search's end marker).
    eos_token: int = 2
    # Which domain the model is for (the architecture is the same for both).
    dataset_type: str = "robustfill"
    # Align decoder cross-attention positions at separators (SpecDecomposer).
    aligned_relative_attention: bool = False
    # Separator id of the aligned positions; -1 when unused.
    separator_token_id: int = -1

    def __post_init__(self):
        for field in dataclasses.fields(self):
            _check_type(field.name, getattr(self, field.name), field.type)
        positive = (
            "vocab_size",
            "output_vocab_size",
            "emb_dim",
            "num_heads",
            "num_layers",
            "qkv_dim",
            "mlp_dim",
            "max_len",
        )
        for name in positive:
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be >= 1, got {getattr(self, name)}")
        if self.dtype != "float32":
            raise ConfigError(f"dtype must be 'float32', got {self.dtype!r}")
        if self.qkv_dim % self.num_heads:
            raise ConfigError(
                f"qkv_dim={self.qkv_dim} must be divisible by "
                f"num_heads={self.num_heads}"
            )
        for name in ("dropout_rate", "attention_dropout_rate"):
            if not 0.0 <= getattr(self, name) < 1.0:
                raise ConfigError(
                    f"{name} must be in [0, 1), got {getattr(self, name)}"
                )
        for buckets, distance, bidirectional in self.bucket_settings():
            try:
                check_bucket_settings(
                    bidirectional, getattr(self, buckets), getattr(self, distance)
                )
            except ValueError as error:
                raise ConfigError(f"{buckets}/{distance}: {error}") from None
        if not self.use_relative_attention and self.emb_dim % 2:
            raise ConfigError(
                f"emb_dim must be even for sinusoidal positions, got {self.emb_dim}"
            )
        if not 0 <= self.bos_token < self.output_vocab_size:
            raise ConfigError(
                f"bos_token={self.bos_token} is outside the output vocabulary "
                f"of size {self.output_vocab_size}"
            )
        if not 0 <= self.eos_token < self.output_vocab_size:
            raise ConfigError(
                f"eos_token={self.eos_token} is outside the output vocabulary "
                f"of size {self.output_vocab_size}"
            )
        if self.dataset_type not in DATASET_TYPES:
            raise ConfigError(
                f"dataset_type must be one of {DATASET_TYPES}, "
                f"got {self.dataset_type!r}"
            )
        if not -1 <= self.separator_token_id < self.output_vocab_size:
            raise ConfigError(
                f"separator_token_id={self.separator_token_id} must be -1 or an "
                f"id of the output vocabulary of size {self.output_vocab_size}"
            )

    @property
    def head_dim(self) -> int:
        """Width dh of one attention head."""
        return self.qkv_dim // self.num_heads

    @staticmethod
    def bucket_settings() -> tuple[tuple[str, str, bool], ...]:
        """(buckets field, distance field, bidirectional) of each attention kind."""
        return (
            (
                "num_input_relative_position_buckets",
                "max_input_distance",
                True,
            ),
            (
                "num_output_relative_position_buckets",
                "max_output_distance",
                True,
            ),
            (
                "num_input_cross_output_relative_position_buckets",
                "max_input_cross_output_distance",
                True,
            ),
            (
                "num_program_relative_position_buckets",
                "max_program_distance",
                False,
            ),
            (
                "num_program_cross_embed_relative_position_buckets",
                "max_program_cross_embed_distance",
                True,
            ),
        )

    def replace(self, **changes) -> "TransformerConfig":
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    @property
    def pad_token(self) -> int:
        """The padding id: 0, since the models treat ids <= 0 as padding."""
        return 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible dict of all fields."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> "TransformerConfig":
        """Inverse of `to_dict`; unknown keys are a ValueError."""
        names = {field.name for field in dataclasses.fields(cls)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise ConfigError(f"unknown TransformerConfig fields: {unknown}")
        return cls(**values)


def uniform_bucket_fields(
    num_buckets: int, max_distance: int, max_program_cross_embed_distance: int
) -> dict[str, int]:
    """The relative-bias fields of every attention kind, as train.py sets them.

    train.py has one bucket count for all five attention kinds, one maximum
    distance for the first four and its own for the decoder's cross-attention
    to the flattened I/O encoding.

    Returns:
      keyword arguments of `TransformerConfig`, one buckets and one distance
      field per kind of `TransformerConfig.bucket_settings()`.
    """
    fields = {}
    for buckets, distance, _ in TransformerConfig.bucket_settings():
        fields[buckets] = num_buckets
        fields[distance] = max_distance
    fields["max_program_cross_embed_distance"] = max_program_cross_embed_distance
    return fields


def as_config(config) -> TransformerConfig:
    """Accepts a TransformerConfig or its `to_dict()` form."""
    if isinstance(config, TransformerConfig):
        return config
    if isinstance(config, Mapping):
        return TransformerConfig.from_dict(config)
    raise TypeError(f"expected a TransformerConfig or a dict, got {config!r}")


_TYPES = {"int": int, "float": float, "bool": bool, "str": str}


def _check_type(name: str, value: Any, annotation: Any) -> None:
    """Rejects values of the wrong type (a bool is not accepted as an int)."""
    type_name = annotation if isinstance(annotation, str) else annotation.__name__
    expected = _TYPES[type_name]
    if expected is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif expected is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, expected)
    if not ok:
        raise ConfigError(
            f"{name} must be of type {expected.__name__}, got {value!r} "
            f"({type(value).__name__})"
        )
