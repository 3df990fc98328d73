"""Pre-LayerNorm self-attention block of the I/O encoder's input stack."""

import keras

from exedec_tf.layers.layer_norm import LayerNorm
from exedec_tf.layers.mlp_block import MLPBlock
from exedec_tf.layers.relative_attention import RelativeAttention


@keras.saving.register_keras_serializable(package="exedec_tf")
class EncoderBlock(keras.layers.Layer):
    """`x + Dropout(SelfAttn(LN_0(x)))`, then `+ MLP(LN_1(.))` (models.md §3.7).

    Sublayers carry the Flax names: `LayerNorm_0`, `RelativeSelfAttention_0`
    (`SelfAttention_0` without relative attention), `LayerNorm_1` and
    `MLPBlock_0`.

    Args:
      num_heads: attention heads.
      qkv_dim: total query/key/value width.
      mlp_dim: hidden width of the MLP.
      dropout_rate: dropout after attention and inside the MLP.
      attention_dropout_rate: dropout on the attention weights.
      use_relative_attention: whether attention has a relative-position bias.
      bidirectional: whether the relative buckets distinguish both sides.
      num_buckets: size of the relative bias table.
      max_distance: largest distinguished relative distance.
      **kwargs: standard `keras.layers.Layer` arguments.

    Call arguments:
      inputs: float `[..., L, D]`.
      attention_mask: bool `[..., 1, L, L]`, or None.
      relative_positions: optional int `[batch..., L, L]`.
      training: whether dropout is applied.

    Returns:
      float `[..., L, D]`.

    Example:

    >>> block = EncoderBlock(num_heads=4, qkv_dim=64, mlp_dim=128)
    >>> block(keras.ops.ones((2, 3, 10, 64))).shape
    TensorShape([2, 3, 10, 64])
    """

    def __init__(
        self,
        num_heads: int,
        qkv_dim: int,
        mlp_dim: int,
        dropout_rate: float = 0.0,
        attention_dropout_rate: float = 0.0,
        use_relative_attention: bool = True,
        bidirectional: bool = True,
        num_buckets: int = 32,
        max_distance: int = 128,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.num_heads = num_heads
        self.qkv_dim = qkv_dim
        self.mlp_dim = mlp_dim
        self.dropout_rate = dropout_rate
        self.attention_dropout_rate = attention_dropout_rate
        self.use_relative_attention = use_relative_attention
        self.bidirectional = bidirectional
        self.num_buckets = num_buckets
        self.max_distance = max_distance
        self.attention_output_dropout = keras.layers.Dropout(dropout_rate)

    def build(self, inputs_shape):
        prefix = "Relative" if self.use_relative_attention else ""
        self.attention_norm = LayerNorm(name="LayerNorm_0")
        self.self_attention = RelativeAttention(
            num_heads=self.num_heads,
            qkv_dim=self.qkv_dim,
            dropout_rate=self.attention_dropout_rate,
            use_relative_attention=self.use_relative_attention,
            bidirectional=self.bidirectional,
            num_buckets=self.num_buckets,
            max_distance=self.max_distance,
            name=f"{prefix}SelfAttention_0",
        )
        self.mlp_norm = LayerNorm(name="LayerNorm_1")
        self.mlp = MLPBlock(self.mlp_dim, self.dropout_rate, name="MLPBlock_0")
        self.attention_norm.build(inputs_shape)
        self.self_attention.build(inputs_shape)
        self.mlp_norm.build(inputs_shape)
        self.mlp.build(inputs_shape)

    def call(self, inputs, attention_mask=None, relative_positions=None, training=None):
        x = self.attention_norm(inputs)
        x = self.self_attention(
            x,
            attention_mask=attention_mask,
            relative_positions=relative_positions,
            training=training,
        )
        x = inputs + self.attention_output_dropout(x, training=training)
        return x + self.mlp(self.mlp_norm(x), training=training)

    def compute_output_shape(self, inputs_shape):
        return tuple(inputs_shape)

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
                "bidirectional": self.bidirectional,
                "num_buckets": self.num_buckets,
                "max_distance": self.max_distance,
            }
        )
        return config
