"""Multi-head dot-product attention with a learned relative-position bias.

This is the attention of every ExeDec module (models.md §3.6). The weight
layout equals Flax's, so checkpoints convert by name alone:

| variable | shape | Flax name |
|---|---|---|
| `query/kernel`, `key/kernel`, `value/kernel` | `[D, H, dh]` | same |
| `out/kernel` | `[H, dh, D]` | same |
| `Embed_0/embedding` (relative only) | `[num_buckets, H]` | same |

There are no projection biases.
"""

import keras
import numpy as np
from keras import ops

from exedec_tf.layers import initializers
from exedec_tf.layers.relative_position import (
    bucket_lookup_table,
    check_bucket_settings,
)
from exedec_tf.layers.token_embedding import TokenEmbedding

# Added to the logits of masked pairs. It is finite, so fully masked rows stay
# finite, and it must be exactly this value: in float32 it swamps the relative
# bias and the dot product, which makes such a row an exactly uniform average.
MASK_BIAS = -1e10

# Letters for the leading (batch-like) axes of a projection's input; none of
# them is used by the kernels' own axes ("d", "n", "h").
_LEADING_AXES = "abcefgijklm"


class _Projection(keras.layers.EinsumDense):
    """An `EinsumDense` "...x,k->...y" whose leading axes are spelled out.

    TensorFlow differentiates an einsum whose ellipsis axes are summed out of
    the kernel's gradient by first materialising them (`[..., D, H, dh]`):
    that made a training step of the small configs about 100 times slower.
    Naming the leading axes of each input avoids it; the weights and results
    are those of the plain `EinsumDense`.
    """

    def call(self, inputs, training=None):
        own_axes = self.equation.split(",")[0].removeprefix("...")
        leading = _LEADING_AXES[: len(inputs.shape) - len(own_axes)]
        return ops.einsum(self.equation.replace("...", leading), inputs, self.kernel)


@keras.saving.register_keras_serializable(package="exedec_tf")
class RelativeAttention(keras.layers.Layer):
    """Multi-head attention whose logits get a per-head relative-position bias.

    The bias of query i and key j is `Embed_0[bucket(rel_ij), h]`, where `rel`
    is `j - i` by default, or given explicitly (aligned cross-attention), and
    `bucket` is the function of `relative_position.py`. Masked pairs get
    `-1e10` added to their logits. With `use_relative_attention=False` there
    is no bias table and masked logits are replaced by the float32 minimum,
    as in the original's non-relative variant.

    Args:
      num_heads: number of heads H.
      qkv_dim: total width of queries, keys and values; `dh = qkv_dim / H`.
      dropout_rate: dropout on the attention weights (not broadcast).
      use_relative_attention: whether there is a relative-position bias.
      bidirectional: bucket both directions (True) or causally (False).
      num_buckets: size of the bias table.
      max_distance: distances beyond this share a bucket.
      **kwargs: standard `keras.layers.Layer` arguments.

    Call arguments:
      query: float `[..., Tq, D]`.
      value: float `[..., Tk, Dkv]` keys/values; `None` for self-attention.
      attention_mask: bool or 0/1 `[..., 1 or H, Tq, Tk]`; pairs where it is
        False (or <= 0) are masked. `None` masks nothing.
      relative_positions: int `[batch..., Tq, Tk]` key minus query positions,
        replacing the default `j - i`.
      training: whether attention dropout is applied.

    Returns:
      float `[..., Tq, D]`.

    Example:

    >>> attn = RelativeAttention(num_heads=4, qkv_dim=128, max_distance=20)
    >>> attn(keras.ops.ones((2, 4, 10, 64))).shape
    TensorShape([2, 4, 10, 64])
    """

    def __init__(
        self,
        num_heads: int,
        qkv_dim: int,
        dropout_rate: float = 0.0,
        use_relative_attention: bool = True,
        bidirectional: bool = True,
        num_buckets: int = 32,
        max_distance: int = 128,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if qkv_dim % num_heads:
            raise ValueError(
                f"qkv_dim={qkv_dim} is not divisible by num_heads={num_heads}"
            )
        if use_relative_attention:
            check_bucket_settings(bidirectional, num_buckets, max_distance)
        self.num_heads = num_heads
        self.qkv_dim = qkv_dim
        self.dropout_rate = dropout_rate
        self.use_relative_attention = use_relative_attention
        self.bidirectional = bidirectional
        self.num_buckets = num_buckets
        self.max_distance = max_distance
        self.head_dim = qkv_dim // num_heads
        self.attention_dropout = keras.layers.Dropout(dropout_rate)
        self._bucket_table = None
        if use_relative_attention:
            # int32 [2 * max_distance + 1]: bucket of rel = index - max_distance.
            self._bucket_table = bucket_lookup_table(
                bidirectional, num_buckets, max_distance
            )

    def build(self, query_shape, value_shape=None):
        value_shape = query_shape if value_shape is None else value_shape
        out_dim = query_shape[-1]
        heads = (self.num_heads, self.head_dim)
        self.query_dense = _Projection(
            "...d,dnh->...nh",
            output_shape=heads,
            kernel_initializer=initializers.kernel_init(1),
            name="query",
        )
        self.key_dense = _Projection(
            "...d,dnh->...nh",
            output_shape=heads,
            kernel_initializer=initializers.kernel_init(1),
            name="key",
        )
        self.value_dense = _Projection(
            "...d,dnh->...nh",
            output_shape=heads,
            kernel_initializer=initializers.kernel_init(1),
            name="value",
        )
        self.out_dense = _Projection(
            "...nh,nhd->...d",
            output_shape=(out_dim,),
            kernel_initializer=initializers.kernel_init(2),
            name="out",
        )
        self.query_dense.build(query_shape)
        self.key_dense.build(value_shape)
        self.value_dense.build(value_shape)
        self.out_dense.build(tuple(query_shape[:-1]) + heads)
        if self.use_relative_attention:
            self.relative_bias = TokenEmbedding(
                self.num_buckets, self.num_heads, name="Embed_0"
            )
            self.relative_bias.build()

    def _relative_bias(self, query, value, relative_positions):
        """float32 `[H, Tq, Tk]`, or `[batch..., H, Tq, Tk]` if positions given."""
        if relative_positions is None:
            q_len = ops.shape(query)[-2]
            k_len = ops.shape(value)[-2]
            # int32 [Tq, Tk]
            rel = (
                ops.arange(k_len, dtype="int32")[None, :]
                - ops.arange(q_len, dtype="int32")[:, None]
            )
        else:
            rel = ops.cast(relative_positions, "int32")
        index = ops.clip(rel, -self.max_distance, self.max_distance)
        table = ops.convert_to_tensor(self._bucket_table, dtype="int32")
        buckets = ops.take(table, index + self.max_distance, axis=0)
        bias = self.relative_bias(buckets)  # [..., Tq, Tk, H]
        return ops.moveaxis(bias, -1, -3)

    def call(
        self,
        query,
        value=None,
        attention_mask=None,
        relative_positions=None,
        training=None,
    ):
        value = query if value is None else value
        q = self.query_dense(query)  # [..., Tq, H, dh]
        k = self.key_dense(value)  # [..., Tk, H, dh]
        v = self.value_dense(value)  # [..., Tk, H, dh]
        # The query, not the logits, is scaled, as in the original.
        q = q / np.sqrt(np.float32(self.head_dim))
        logits = ops.einsum("...qhd,...khd->...hqk", q, k)  # [..., H, Tq, Tk]
        if attention_mask is not None:
            dtype = keras.backend.standardize_dtype(attention_mask.dtype)
            if dtype != "bool":
                attention_mask = ops.greater(attention_mask, 0)
        if self.use_relative_attention:
            bias = self._relative_bias(query, value, relative_positions)
            if attention_mask is not None:
                bias = bias + ops.where(
                    attention_mask,
                    ops.zeros((), "float32"),
                    ops.full((), MASK_BIAS, "float32"),
                )
            logits = logits + bias
        elif attention_mask is not None:
            floor = ops.full((), np.finfo(np.float32).min, "float32")
            logits = ops.where(attention_mask, logits, floor)
        weights = ops.softmax(logits, axis=-1)
        weights = self.attention_dropout(weights, training=training)
        context = ops.einsum("...hqk,...khd->...qhd", weights, v)
        return self.out_dense(context)  # [..., Tq, D]

    def compute_output_shape(self, query_shape, value_shape=None):
        return tuple(query_shape)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "num_heads": self.num_heads,
                "qkv_dim": self.qkv_dim,
                "dropout_rate": self.dropout_rate,
                "use_relative_attention": self.use_relative_attention,
                "bidirectional": self.bidirectional,
                "num_buckets": self.num_buckets,
                "max_distance": self.max_distance,
            }
        )
        return config
