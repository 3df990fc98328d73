"""Keras 3 building blocks of the ExeDec Transformer (models.md §3-§7).

The names below load their submodule on first use, so importing a light
submodule (`relative_position`) does not import Keras.
"""

import importlib

# Public name -> the submodule that defines it.
_EXPORTS = {
    "aligned_query_positions": "aligned_positions",
    "aligned_relative_positions": "aligned_positions",
    "EncoderBlock": "encoder_block",
    "EncoderDecoderBlock": "encoder_decoder_block",
    "FlattenedGlorotUniform": "initializers",
    "LAYER_NORM_EPSILON": "layer_norm",
    "LayerNorm": "layer_norm",
    "causal_mask": "masks",
    "padding_mask": "masks",
    "MLPBlock": "mlp_block",
    "MASK_BIAS": "relative_attention",
    "RelativeAttention": "relative_attention",
    "bucket_lookup_table": "relative_position",
    "relative_position_bucket": "relative_position",
    "sinusoidal_position_table": "sinusoidal_positions",
    "TokenEmbedding": "token_embedding",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Imports the submodule of `name` on first use (PEP 562)."""
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
