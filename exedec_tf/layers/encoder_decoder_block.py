"""Pre-LayerNorm block with self-attention, cross-attention and an MLP."""

import keras

from exedec_tf.layers.layer_norm import LayerNorm
from exedec_tf.layers.mlp_block import MLPBlock
from exedec_tf.layers.relative_attention import RelativeAttention


@keras.saving.register_keras_serializable(package="exedec_tf")
class EncoderDecoderBlock(keras.layers.Layer):
    """Self-attention, cross-attention to a memory, then MLP (models.md §3.8).

    * `y1 = y + Dropout(SelfAttn(LN_0(y)))`
    * `y2 = y1 + Dropout(CrossAttn(LN_1(y1), memory))`
    * `out = y2 + MLP(LN_2(y2))`

    The memory is used as given, without another LayerNorm. The block serves
    both the encoder's output stack (bidirectional self-attention) and the
    decoder (causal self-attention buckets). Sublayers carry the Flax names
    `LayerNorm_{0,1,2}`, `RelativeSelfAttention_0`,
    `RelativeMultiHeadDotProductAttention_0` (without relative attention:
    `SelfAttention_0`, `MultiHeadDotProductAttention_0`) and `MLPBlock_0`.

    Args:
      num_heads: attention heads.
      qkv_dim: total query/key/value width.
      mlp_dim: hidden width of the MLP.
      dropout_rate: dropout after each attention and inside the MLP.
      attention_dropout_rate: dropout on the attention weights.
      use_relative_attention: whether attention has relative-position biases.
      self_bidirectional: False for causal self-attention buckets.
      self_num_buckets: size of the self-attention bias table.
      self_max_distance: largest distinguished self-attention distance.
      cross_bidirectional: bucket mode of the cross-attention.
      cross_num_buckets: size of the cross-attention bias table.
      cross_max_distance: largest distinguished cross-attention distance.
      **kwargs: standard `keras.layers.Layer` arguments.

    Call arguments:
      targets: float `[..., T, D]`, the sequence being transformed.
      encoded: float `[..., M, D]`, the memory attended to.
      self_attention_mask: bool `[..., 1, T, T]`, or None.
      cross_attention_mask: bool `[..., 1, T, M]`, or None.
      self_relative_positions: optional int `[batch..., T, T]`.
      cross_relative_positions: optional int `[batch..., T, M]`.
      training: whether dropout is applied.
      self_attention_cache: optional `SelfAttentionCache` of the
        self-attention (from `initial_cache`): incremental decoding of the
        one position `self_attention_cache_update_index`, with `targets`
        `[..., 1, D]` and `self_attention_mask` the query's row
        `[..., 1, 1, T]` (see `RelativeAttention`).
      self_attention_cache_update_index: int32 scalar, the decoded position.
      cross_attention_cache: optional `MemoryCache` (from `project_memory`)
        used instead of `encoded`, which may then be None.
      cross_attention_slots: float32 one-hot `[B, K, O]`, each query's
        memory slot (with `cross_attention_cache`).

    Returns:
      float `[..., T, D]`; with a `self_attention_cache`, the pair
      `(output, updated self_attention_cache)`.

    Example:

    >>> block = EncoderDecoderBlock(num_heads=4, qkv_dim=64, mlp_dim=128)
    >>> y, memory = keras.ops.ones((2, 7, 64)), keras.ops.ones((2, 30, 64))
    >>> block(y, memory).shape
    TensorShape([2, 7, 64])
    """

    def __init__(
        self,
        num_heads: int,
        qkv_dim: int,
        mlp_dim: int,
        dropout_rate: float = 0.0,
        attention_dropout_rate: float = 0.0,
        use_relative_attention: bool = True,
        self_bidirectional: bool = True,
        self_num_buckets: int = 32,
        self_max_distance: int = 128,
        cross_bidirectional: bool = True,
        cross_num_buckets: int = 32,
        cross_max_distance: int = 128,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.num_heads = num_heads
        self.qkv_dim = qkv_dim
        self.mlp_dim = mlp_dim
        self.dropout_rate = dropout_rate
        self.attention_dropout_rate = attention_dropout_rate
        self.use_relative_attention = use_relative_attention
        self.self_bidirectional = self_bidirectional
        self.self_num_buckets = self_num_buckets
        self.self_max_distance = self_max_distance
        self.cross_bidirectional = cross_bidirectional
        self.cross_num_buckets = cross_num_buckets
        self.cross_max_distance = cross_max_distance
        self.self_attention_dropout = keras.layers.Dropout(dropout_rate)
        self.cross_attention_dropout = keras.layers.Dropout(dropout_rate)

    def _attention(self, name, bidirectional, num_buckets, max_distance):
        prefix = "Relative" if self.use_relative_attention else ""
        return RelativeAttention(
            num_heads=self.num_heads,
            qkv_dim=self.qkv_dim,
            dropout_rate=self.attention_dropout_rate,
            use_relative_attention=self.use_relative_attention,
            bidirectional=bidirectional,
            num_buckets=num_buckets,
            max_distance=max_distance,
            name=f"{prefix}{name}_0",
        )

    def build(self, targets_shape, encoded_shape):
        self.self_attention_norm = LayerNorm(name="LayerNorm_0")
        self.self_attention = self._attention(
            "SelfAttention",
            self.self_bidirectional,
            self.self_num_buckets,
            self.self_max_distance,
        )
        self.cross_attention_norm = LayerNorm(name="LayerNorm_1")
        self.cross_attention = self._attention(
            "MultiHeadDotProductAttention",
            self.cross_bidirectional,
            self.cross_num_buckets,
            self.cross_max_distance,
        )
        self.mlp_norm = LayerNorm(name="LayerNorm_2")
        self.mlp = MLPBlock(self.mlp_dim, self.dropout_rate, name="MLPBlock_0")
        self.self_attention_norm.build(targets_shape)
        self.self_attention.build(targets_shape)
        self.cross_attention_norm.build(targets_shape)
        self.cross_attention.build(targets_shape, encoded_shape)
        self.mlp_norm.build(targets_shape)
        self.mlp.build(targets_shape)

    def call(
        self,
        targets,
        encoded,
        self_attention_mask=None,
        cross_attention_mask=None,
        self_relative_positions=None,
        cross_relative_positions=None,
        training=None,
        self_attention_cache=None,
        self_attention_cache_update_index=None,
        cross_attention_cache=None,
        cross_attention_slots=None,
    ):
        x = self.self_attention(
            self.self_attention_norm(targets),
            attention_mask=self_attention_mask,
            relative_positions=self_relative_positions,
            training=training,
            cache=self_attention_cache,
            cache_update_index=self_attention_cache_update_index,
        )
        if self_attention_cache is not None:
            x, self_attention_cache = x
        x = targets + self.self_attention_dropout(x, training=training)
        y = self.cross_attention(
            self.cross_attention_norm(x),
            encoded,
            attention_mask=cross_attention_mask,
            relative_positions=cross_relative_positions,
            training=training,
            cache=cross_attention_cache,
            cache_slots=cross_attention_slots,
        )
        if cross_attention_cache is not None:
            y, _ = y
        y = x + self.cross_attention_dropout(y, training=training)
        out = y + self.mlp(self.mlp_norm(y), training=training)
        if self_attention_cache is not None:
            return out, self_attention_cache
        return out

    def initial_cache(self, batch_shape, length):
        """An empty `SelfAttentionCache` of this block for `length` positions."""
        return self.self_attention.initial_cache(batch_shape, length)

    def project_memory(self, memory):
        """The cross-attention `MemoryCache` of `memory [B, O, M, D]`."""
        return self.cross_attention.project_memory(memory)

    def compute_output_shape(self, targets_shape, encoded_shape=None):
        return tuple(targets_shape)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "num_heads": self.num_heads,
                "qkv_dim": self.qkv_dim,
                "mlp_dim": self.mlp_dim,
                "dropout_rate": self.dropout_rate,
                "attention_dropout_rate": self.attention_dropout_rate,
                "use_relative_attention": self.use_relative_attention,
                "self_bidirectional": self.self_bidirectional,
                "self_num_buckets": self.self_num_buckets,
                "self_max_distance": self.self_max_distance,
                "cross_bidirectional": self.cross_bidirectional,
                "cross_num_buckets": self.cross_num_buckets,
                "cross_max_distance": self.cross_max_distance,
            }
        )
        return config
