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
      self_attention_caches: optional, one `SelfAttentionCache` per block
        (from `initial_cache`), for incremental decoding of the one position
        `cache_update_index`: `programs` is then `[B, K, 1]`, the masks are
        the query's rows and `cross_relative_positions` is required (see
        `EncoderDecoderBlock`). Relative attention only.
      cache_update_index: int32 scalar, the decoded position.
      cross_attention_caches: one `MemoryCache` per block (from
        `project_memory`), used instead of `encoded` (then None).
      cross_attention_slots: float32 one-hot `[B, K, O]`, the memory slot
        of each query.

    Returns:
      float32 logits `[B, T, V_out]`; with caches, the pair
      `(logits [B, K, 1, V_out], updated self-attention caches)`.
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
        self_attention_caches=None,
        cache_update_index=None,
        cross_attention_caches=None,
        cross_attention_slots=None,
    ):
        cached = self_attention_caches is not None
        if cached and self._positions is not None:
            raise ValueError(
                "cached decoding needs use_relative_attention=True; use the "
                "full re-decode (cached=False) for this model"
            )
        y = self.embed_output(programs)  # [B, T, D]
        if self._positions is not None:
            y = y + sinusoids_for(self._positions, programs)
        y = self.embedding_dropout(y, training=training)
        caches = self_attention_caches or (None,) * len(self.blocks)
        memories = cross_attention_caches or (None,) * len(self.blocks)
        new_caches = []
        for block, cache, memory in zip(self.blocks, caches, memories, strict=True):
            y = block(
                y,
                encoded,
                self_attention_mask=self_attention_mask,
                cross_attention_mask=cross_attention_mask,
                cross_relative_positions=cross_relative_positions,
                training=training,
                self_attention_cache=cache,
                self_attention_cache_update_index=cache_update_index,
                cross_attention_cache=memory,
                cross_attention_slots=cross_attention_slots,
            )
            if cached:
                y, cache = y
                new_caches.append(cache)
        y = self.output_norm(y)
        logits = self.logit_dense(y)  # [B, T, V_out]
        if cached:
            return logits, tuple(new_caches)
        return logits

    def initial_cache(self, batch_shape, length):
        """Empty self-attention caches, one `SelfAttentionCache` per block."""
        return tuple(block.initial_cache(batch_shape, length) for block in self.blocks)

    def project_memory(self, memory):
        """Cross-attention `MemoryCache`s of `memory [B, O, M, D]`, per block."""
        return tuple(block.project_memory(memory) for block in self.blocks)

    def compute_output_shape(self, programs_shape, encoded_shape=None):
        return tuple(programs_shape) + (self.config.output_vocab_size,)

    def get_config(self):
        config = super().get_config()
        config.update({"config": self.config.to_dict()})
        return config
