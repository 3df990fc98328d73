"""The I/O-example encoder of ExeDec (the original's `TransformerIOEncoder`)."""

import keras
from keras import ops

from exedec_tf.layers.encoder_block import EncoderBlock
from exedec_tf.layers.encoder_decoder_block import EncoderDecoderBlock
from exedec_tf.layers.layer_norm import LayerNorm
from exedec_tf.layers.masks import padding_mask
from exedec_tf.layers.sinusoidal_positions import (
    sinusoidal_position_table,
    sinusoids_for,
)
from exedec_tf.layers.token_embedding import TokenEmbedding
from exedec_tf.models.config import as_config


@keras.saving.register_keras_serializable(package="exedec_tf")
class IOEncoder(keras.layers.Layer):
    """Encodes each I/O example's output string attending to its input string.

    Each example is processed on its own (models.md §5): its input string goes
    through `num_layers` self-attention blocks and `encoder_norm`; its output
    string then goes through `num_layers` blocks that self-attend and
    cross-attend to that example's encoded input, and `encoderdecoder_norm`.
    Only the output-side encoding is returned. Inputs and outputs share the
    embedding `embed`.

    Variables (Flax names, relative attention): `embed/embedding`,
    `encoderblock_{l}/...`, `encoder_norm/{scale,bias}`,
    `encoderdecoderblock_{l}/...`, `encoderdecoder_norm/{scale,bias}`.

    Args:
      config: a `TransformerConfig` (or its dict form).
      **kwargs: standard `keras.layers.Layer` arguments; the name should be
        "encoder" for Flax-compatible variable paths.

    Call arguments:
      inputs: int `[B, N, Li]` input-string tokens, 0 = padding.
      outputs: int `[B, N, Lo]` output-string tokens, 0 = padding.
      training: whether dropout is applied.

    Returns:
      float32 `[B, N, Lo, D]`.
    """

    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.config = as_config(config)
        cfg = self.config
        self.input_dropout = keras.layers.Dropout(cfg.dropout_rate)
        self.output_dropout = keras.layers.Dropout(cfg.dropout_rate)
        self._positions = None
        if not cfg.use_relative_attention:
            self._positions = sinusoidal_position_table(cfg.max_len, cfg.emb_dim)

    def build(self, inputs_shape=None, outputs_shape=None):
        cfg = self.config
        self.embed = TokenEmbedding(cfg.vocab_size, cfg.emb_dim, name="embed")
        block_args = dict(
            num_heads=cfg.num_heads,
            qkv_dim=cfg.qkv_dim,
            mlp_dim=cfg.mlp_dim,
            dropout_rate=cfg.dropout_rate,
            attention_dropout_rate=cfg.attention_dropout_rate,
            use_relative_attention=cfg.use_relative_attention,
        )
        self.input_blocks = [
            EncoderBlock(
                bidirectional=True,
                num_buckets=cfg.num_input_relative_position_buckets,
                max_distance=cfg.max_input_distance,
                name=f"encoderblock_{layer}",
                **block_args,
            )
            for layer in range(cfg.num_layers)
        ]
        self.input_norm = LayerNorm(name="encoder_norm")
        self.output_blocks = [
            EncoderDecoderBlock(
                self_bidirectional=True,
                self_num_buckets=cfg.num_output_relative_position_buckets,
                self_max_distance=cfg.max_output_distance,
                cross_bidirectional=True,
                cross_num_buckets=cfg.num_input_cross_output_relative_position_buckets,
                cross_max_distance=cfg.max_input_cross_output_distance,
                name=f"encoderdecoderblock_{layer}",
                **block_args,
            )
            for layer in range(cfg.num_layers)
        ]
        self.output_norm = LayerNorm(name="encoderdecoder_norm")
        # Weights depend only on the config, not on lengths.
        hidden = (None, None, None, cfg.emb_dim)
        self.embed.build()
        for block in self.input_blocks:
            block.build(hidden)
        self.input_norm.build(hidden)
        for block in self.output_blocks:
            block.build(hidden, hidden)
        self.output_norm.build(hidden)

    def _embed(self, tokens, dropout, training):
        x = self.embed(tokens)  # [B, N, L, D]
        if self._positions is not None:
            # Sinusoids restart at 0 for every example.
            x = x + sinusoids_for(self._positions, tokens)
        return dropout(x, training=training)

    def call(self, inputs, outputs, training=None):
        inputs = ops.cast(inputs, "int32")  # [B, N, Li]
        outputs = ops.cast(outputs, "int32")  # [B, N, Lo]
        input_mask = padding_mask(inputs, inputs)  # bool [B, N, 1, Li, Li]
        output_mask = padding_mask(outputs, outputs)  # bool [B, N, 1, Lo, Lo]
        cross_mask = padding_mask(outputs, inputs)  # bool [B, N, 1, Lo, Li]

        x = self._embed(inputs, self.input_dropout, training)  # [B, N, Li, D]
        for block in self.input_blocks:
            x = block(x, attention_mask=input_mask, training=training)
        x = self.input_norm(x)

        y = self._embed(outputs, self.output_dropout, training)  # [B, N, Lo, D]
        for block in self.output_blocks:
            y = block(
                y,
                x,
                self_attention_mask=output_mask,
                cross_attention_mask=cross_mask,
                training=training,
            )
        return self.output_norm(y)  # [B, N, Lo, D]

    def compute_output_shape(self, inputs_shape, outputs_shape):
        return tuple(outputs_shape) + (self.config.emb_dim,)

    def get_config(self):
        config = super().get_config()
        config.update({"config": self.config.to_dict()})
        return config
