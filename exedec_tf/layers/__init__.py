"""Keras 3 building blocks of the ExeDec Transformer (models.md §3-§7).

The names below load their submodule on first use, so importing a light
submodule (`relative_position`) does not import Keras.
"""

from exedec_tf.lazy_exports import lazy_exports

# Public name -> the submodule that defines it.
_EXPORTS = {
    "aligned_query_positions": ".aligned_positions",
    "aligned_relative_positions": ".aligned_positions",
    "flattened_key_positions": ".aligned_positions",
    "EncoderBlock": ".encoder_block",
    "EncoderDecoderBlock": ".encoder_decoder_block",
    "FlattenedGlorotUniform": ".initializers",
    "LAYER_NORM_EPSILON": ".layer_norm",
    "LayerNorm": ".layer_norm",
    "causal_mask": ".masks",
    "padding_mask": ".masks",
    "MLPBlock": ".mlp_block",
    "MASK_BIAS": ".relative_attention",
    "RelativeAttention": ".relative_attention",
    "bucket_lookup_table": ".relative_position",
    "relative_position_bucket": ".relative_position",
    "sinusoidal_position_table": ".sinusoidal_positions",
    "TokenEmbedding": ".token_embedding",
}
__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
