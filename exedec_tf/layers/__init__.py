"""Keras 3 building blocks of the ExeDec Transformer (models.md §3-§7)."""

from exedec_tf.layers.aligned_positions import (
    aligned_query_positions,
    aligned_relative_positions,
)
from exedec_tf.layers.encoder_block import EncoderBlock
from exedec_tf.layers.encoder_decoder_block import EncoderDecoderBlock
from exedec_tf.layers.initializers import FlattenedGlorotUniform
from exedec_tf.layers.layer_norm import LAYER_NORM_EPSILON, LayerNorm
from exedec_tf.layers.masks import causal_mask, padding_mask
from exedec_tf.layers.mlp_block import MLPBlock
from exedec_tf.layers.relative_attention import MASK_BIAS, RelativeAttention
from exedec_tf.layers.relative_position import (
    bucket_lookup_table,
    relative_position_bucket,
)
from exedec_tf.layers.sinusoidal_positions import sinusoidal_position_table
from exedec_tf.layers.token_embedding import TokenEmbedding

__all__ = [
    "LAYER_NORM_EPSILON",
    "MASK_BIAS",
    "EncoderBlock",
    "EncoderDecoderBlock",
    "FlattenedGlorotUniform",
    "LayerNorm",
    "MLPBlock",
    "RelativeAttention",
    "TokenEmbedding",
    "aligned_query_positions",
    "aligned_relative_positions",
    "bucket_lookup_table",
    "causal_mask",
    "padding_mask",
    "relative_position_bucket",
    "sinusoidal_position_table",
]
