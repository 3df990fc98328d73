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
from exedec_tf.layers.attention_cache import MemoryCache, SelfAttentionCache
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


def _as_bool(mask):
    """A mask as bool (0/1 masks count > 0 as visible); None stays None."""
    if mask is None:
        return None
    if keras.backend.standardize_dtype(mask.dtype) != "bool":
        return ops.greater(mask, 0)
    return mask


def _mask_bias(mask):
    """float32 0 where `mask` is True, `MASK_BIAS` elsewhere."""
    return ops.where(mask, ops.zeros((), "float32"), ops.full((), MASK_BIAS, "float32"))


class _Projection(keras.layers.EinsumDense):
    """An `EinsumDense` "...x,k->...y" whose leading axes are spelled out.

    TensorFlow differentiates an einsum whose ellipsis axes are summed out of
    the kernel's gradient by first materialising them (`[..., D, H, dh]`):
    that made a training step of the small configs about 100 times slower.
    Naming the leading axes of each input avoids it; the weights and results
    are those of the plain `EinsumDense`. Inputs may have any number of
    leading axes.
    """

    def build(self, input_shape):
        super().build(input_shape)
        # Any number of leading axes is fine (an incremental decoding step
        # has one more than the full pass the layer was built for).
        self.input_spec = None

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
      cache: optional, for incremental decoding (inference only):
        * a `SelfAttentionCache` (from `initial_cache`): self-attention of
          the one position `cache_update_index`. `query` is `[..., 1, D]`,
          `attention_mask` the query's row `[..., 1, 1, T]` over the cache
          positions; its key and value are written at that index. The
          result equals the full pass over the buffer, including a PAD
          query's uniform average over every position.
        * a `MemoryCache` (from `project_memory`): cross-attention of one
          position per slot to the memory of the slot picked by
          `cache_slots`. `query` is `[B, K, 1, D]`, `attention_mask`
          `[B, K, 1, 1, M]`, `relative_positions` `[1, M]` or
          `[B, K, 1, M]` (required).
      cache_update_index: int32 scalar, the position a `SelfAttentionCache`
        call writes and attends from.
      cache_slots: float32 one-hot `[B, K, O]`, the memory slot of each of
        the K queries (with a `MemoryCache`).

    Returns:
      float `[..., Tq, D]`; with a `cache`, the pair `(output, cache)`, the
      self-attention cache updated and the memory cache unchanged.

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
        cache=None,
        cache_update_index=None,
        cache_slots=None,
    ):
        if isinstance(cache, MemoryCache):
            return self._call_memory(
                query, attention_mask, relative_positions, cache, cache_slots
            ), cache
        if cache is not None:
            return self._call_cached(
                query, attention_mask, cache, cache_update_index, training
            )
        value = query if value is None else value
        q = self.query_dense(query)  # [..., Tq, H, dh]
        k = self.key_dense(value)  # [..., Tk, H, dh]
        v = self.value_dense(value)  # [..., Tk, H, dh]
        bias = None
        if self.use_relative_attention:
            bias = self._relative_bias(query, value, relative_positions)
        return self._attend(q, k, v, bias, attention_mask, training)

    def _attend(self, q, k, v, bias, attention_mask, training):
        """Attention of projected heads: `[..., Tq, H, dh]` queries against
        `[..., Tk, H, dh]` keys and values, with the relative bias
        `[..., H, Tq, Tk]` (None without relative attention)."""
        # The query, not the logits, is scaled, as in the original.
        q = q / ops.cast(np.sqrt(np.float32(self.head_dim)), q.dtype)
        # Logits and softmax are float32 under a mixed (bfloat16) policy too;
        # in float32 the casts are no-ops.
        logits = ops.cast(
            ops.einsum("...qhd,...khd->...hqk", q, k), "float32"
        )  # [..., H, Tq, Tk]
        attention_mask = _as_bool(attention_mask)
        if bias is not None:
            bias = ops.cast(bias, "float32")
            if attention_mask is not None:
                bias = bias + _mask_bias(attention_mask)
            logits = logits + bias
        elif attention_mask is not None:
            floor = ops.full((), np.finfo(np.float32).min, "float32")
            logits = ops.where(attention_mask, logits, floor)
        weights = ops.softmax(logits, axis=-1)
        weights = self.attention_dropout(weights, training=training)
        weights = ops.cast(weights, v.dtype)
        context = ops.einsum("...hqk,...khd->...qhd", weights, v)
        return self.out_dense(context)  # [..., Tq, D]

    def initial_cache(self, batch_shape, length):
        """An empty `SelfAttentionCache` for `length` decode positions.

        Args:
          batch_shape: the leading dims, e.g. `(B, K)` (ints or scalars).
          length: T.
        """
        batch_shape = tuple(batch_shape)
        shape = batch_shape + (length, self.num_heads, self.head_dim)
        return SelfAttentionCache(
            keys=ops.zeros(shape, "float32"),
            values=ops.zeros(shape, "float32"),
            filled=ops.zeros(batch_shape + (length,), "bool"),
        )

    def _call_cached(self, query, attention_mask, cache, index, training):
        """Self-attention of the one position `index` (see the class doc)."""
        if index is None:
            raise ValueError("a SelfAttentionCache needs a cache_update_index")
        if not self.use_relative_attention:
            raise ValueError(
                "cached self-attention needs use_relative_attention=True: with "
                "sinusoidal positions PAD states differ by position"
            )
        length = ops.shape(cache.keys)[-3]
        positions = ops.arange(length, dtype="int32")  # [T]
        at_index = ops.equal(positions, index)  # bool [T]
        q = self.query_dense(query)  # [..., 1, H, dh]
        k = self.key_dense(query)
        v = self.value_dense(query)
        attention_mask = _as_bool(attention_mask)  # [..., 1, 1, T]
        # A query can see itself exactly when it is a real token.
        is_real = ops.take(attention_mask[..., 0, 0, :], index, axis=-1)  # [...]
        write = at_index[:, None, None]  # [T, 1, 1]
        cache = SelfAttentionCache(
            keys=ops.where(write, k, cache.keys),
            values=ops.where(write, v, cache.values),
            filled=ops.where(at_index, is_real[..., None], cache.filled),
        )
        # A PAD query's row is fully masked: the full pass averages it over
        # every position, and every position without a real token holds a PAD
        # state equal to the query's own. So those keys and values are the
        # query's; for a real query they are masked and this changes nothing.
        pad = ops.logical_not(cache.filled)[..., None, None]  # [..., T, 1, 1]
        keys = ops.where(pad, k, cache.keys)
        values = ops.where(pad, v, cache.values)
        rel = (positions - index)[None, :]  # [1, T]
        bias = self._relative_bias(None, None, rel)  # [H, 1, T]
        return self._attend(q, keys, values, bias, attention_mask, training), cache

    def project_memory(self, memory):
        """The `MemoryCache` of O memory slots, for `call(..., cache=...)`.

        Args:
          memory: float `[B, O, M, Dkv]`, e.g. the flat encodings of the O
            input slots of a beam search.

        Returns:
          A `MemoryCache`.
        """
        shape = ops.shape(memory)
        batch, origins, width = shape[0], shape[1], shape[-1]
        flat = ops.reshape(memory, (batch * origins, -1, width))
        heads, dh = self.num_heads, self.head_dim
        unflat = (batch, origins, -1, heads, dh)  # [B, O, M, H, dh]
        keys = ops.reshape(self.key_dense(flat), unflat)
        values = ops.reshape(self.value_dense(flat), unflat)
        keys = ops.transpose(keys, (0, 3, 4, 1, 2))  # [B, H, dh, O, M]
        values = ops.transpose(values, (0, 3, 2, 1, 4))  # [B, H, M, O, dh]
        return MemoryCache(
            keys=ops.reshape(keys, (batch, heads, dh, -1)),
            values=ops.reshape(values, (batch, heads, ops.shape(values)[2], -1)),
        )

    def _call_memory(self, query, attention_mask, relative_positions, cache, slots):
        """One query per slot against the memory of its own slot.

        Gathering every slot's `[M, H, dh]` keys at each step costs more than
        attending to all O slots with one matmul and keeping the own slot's
        entries: the one-hot products add exact zeros.
        """
        if slots is None:
            raise ValueError("a MemoryCache needs cache_slots (one-hot [B, K, O])")
        if relative_positions is None:
            raise ValueError("a MemoryCache needs explicit relative_positions")
        shape = ops.shape(slots)
        batch, beam, origins = shape[0], shape[1], shape[2]
        heads, dh = self.num_heads, self.head_dim
        q = self.query_dense(query) / np.sqrt(np.float32(dh))  # [B, K, 1, H, dh]
        q = ops.transpose(ops.reshape(q, (batch, beam, heads, dh)), (0, 2, 1, 3))
        logits = ops.reshape(
            ops.matmul(q, cache.keys), (batch, heads, beam, origins, -1)
        )  # [B, H, K, O, M]
        logits = ops.einsum("bhkom,bko->bhkm", logits, slots)
        bias = self._relative_bias(None, None, relative_positions)[..., 0, :]
        if len(bias.shape) == 4:  # [B, K, H, M]
            bias = ops.transpose(bias, (0, 2, 1, 3))  # [B, H, K, M]
        else:  # [H, M]
            bias = bias[None, :, None, :]
        valid = _as_bool(attention_mask)[:, :, 0, 0, :]  # [B, K, M]
        bias = bias + _mask_bias(valid[:, None])
        weights = ops.softmax(logits + bias, axis=-1)  # [B, H, K, M]
        context = ops.reshape(
            ops.matmul(weights, cache.values), (batch, heads, beam, origins, dh)
        )
        context = ops.einsum("bhkod,bko->bkhd", context, slots)
        return self.out_dense(context)[:, :, None, :]  # [B, K, 1, D]

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
