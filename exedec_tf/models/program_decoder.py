"""The causal target decoder of ExeDec (the original's `TransformerDecoder`)."""

import keras

from exedec_tf.layers import initializers
from exedec_tf.layers.encoder_decoder_block import EncoderDecoderBlock
from exedec_tf.layers.layer_norm import LayerNorm
from exedec_tf.layers.sinusoidal_positions import (
    sinusoidal_position_table,
    sinusoids_for,
)
from exedec_tf.layers.token_embedding import TokenEmbedding
from exedec_tf.models.config import as_config


@keras.saving.register_keras_serializable(package="exedec_tf")
class ProgramDecoder(keras.layers.Layer):
    """Causal decoder over the target side, attending to the flat I/O encoding.

    It embeds the (already shifted) decoder input with `embed_output`, runs
    `num_layers` blocks with causal self-attention buckets and bidirectional
    cross-attention buckets, applies `encoderdecoder_norm` and the untied
    output layer `logitdense` (models.md §6). Masks and relative positions are
    made by the caller (`ExeDecTransformer.decode`), as in the original.

    Variables (Flax names): `embed_output/embedding [V_out, D]`,
    `encoderdecoderblock_{l}/...`, `encoderdecoder_norm/{scale,bias}`,
    `logitdense/kernel [D, V_out]`, `logitdense/bias [V_out]`.

    Args:
      config: a `TransformerConfig` (or its dict form).
      **kwargs: standard `keras.layers.Layer` arguments; the name should be
        "decoder" for Flax-compatible variable paths.

    Call arguments:
      programs: int `[B, T]` decoder input (BOS-prefixed), 0 = padding.
      encoded: float `[B, M, D]` flattened encoding, M = N * Lo.
      self_attention_mask: bool `[B, 1, T, T]`.
      cross_attention_mask: bool `[B, 1, T, M]`.
      cross_relative_positions: optional int `[B, T, M]`; default `m - t`.
      training: whether dropout is applied.

    Returns:
      float32 logits `[B, T, V_out]`.
    """

    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.config = as_config(config)
        cfg = self.config
        self.embedding_dropout = keras.layers.Dropout(cfg.dropout_rate)
        self._positions = None
        if not cfg.use_relative_attention:
            self._positions = sinusoidal_position_table(cfg.max_len, cfg.emb_dim)

    def build(self, programs_shape=None, encoded_shape=None):
        cfg = self.config
        self.embed_output = TokenEmbedding(
            cfg.output_vocab_size, cfg.emb_dim, name="embed_output"
        )
        self.blocks = [
            EncoderDecoderBlock(
                num_heads=cfg.num_heads,
                qkv_dim=cfg.qkv_dim,
                mlp_dim=cfg.mlp_dim,
                dropout_rate=cfg.dropout_rate,
                attention_dropout_rate=cfg.attention_dropout_rate,
                use_relative_attention=cfg.use_relative_attention,
                self_bidirectional=False,
                self_num_buckets=cfg.num_program_relative_position_buckets,
                self_max_distance=cfg.max_program_distance,
                cross_bidirectional=True,
                cross_num_buckets=cfg.num_program_cross_embed_relative_position_buckets,
                cross_max_distance=cfg.max_program_cross_embed_distance,
                name=f"encoderdecoderblock_{layer}",
            )
            for layer in range(cfg.num_layers)
        ]
        self.output_norm = LayerNorm(name="encoderdecoder_norm")
        self.logit_dense = keras.layers.Dense(
            cfg.output_vocab_size,
            kernel_initializer=initializers.kernel_init(),
            bias_initializer=initializers.bias_init(),
            name="logitdense",
        )
        # Weights depend only on the config, not on lengths.
        hidden = (None, None, cfg.emb_dim)
        self.embed_output.build()
        for block in self.blocks:
            block.build(hidden, hidden)
        self.output_norm.build(hidden)
        self.logit_dense.build(hidden)

    def call(
        self,
        programs,
        encoded,
        self_attention_mask=None,
        cross_attention_mask=None,
        cross_relative_positions=None,
        training=None,
    ):
        y = self.embed_output(programs)  # [B, T, D]
        if self._positions is not None:
            y = y + sinusoids_for(self._positions, programs)
        y = self.embedding_dropout(y, training=training)
        for block in self.blocks:
            y = block(
                y,
                encoded,
                self_attention_mask=self_attention_mask,
                cross_attention_mask=cross_attention_mask,
                cross_relative_positions=cross_relative_positions,
                training=training,
            )
        y = self.output_norm(y)
        return self.logit_dense(y)  # [B, T, V_out]

    def compute_output_shape(self, programs_shape, encoded_shape=None):
        return tuple(programs_shape) + (self.config.output_vocab_size,)

    def get_config(self):
        config = super().get_config()
        config.update({"config": self.config.to_dict()})
        return config
