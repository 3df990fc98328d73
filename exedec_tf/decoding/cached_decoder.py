"""Incremental decoding of an ExeDec decoder with a key/value cache.

Each beam-search step feeds only the token at the read position p and keeps
every layer's self-attention keys and values in a `[B, K, T, H, dh]` buffer,
written by index. The cross-attention keys and values depend only on the
encodings, so they are projected once per search and looked up through each
hypothesis's origin slot. The logits equal those of a full pass over the
buffer (the original's slow decode, `ExeDecTransformer.decode`) up to float
rounding, including its quirks:

* A generated PAD is a fully masked query: its attention is an exactly
  uniform average over *all* T positions, whose PAD states are its own. So
  for a PAD query every key that is not a real token (PAD or not yet
  written) is replaced by the query's own key and value; for a real query
  those keys are masked and the replacement has no effect.
* The SpecDecomposer's aligned positions count a separator in the last
  buffer slot as one before position 0 (a cyclic shift, models.md §7). That
  changes the hidden states of every earlier position, so in the clamped
  final iterations where it happens the step falls back to a full pass.

Only relative-attention models are supported: with sinusoidal positions PAD
states differ by position and the first point does not hold
(`supports_cached_decoding`).
"""

import numpy as np
import tensorflow as tf

from exedec_tf.decoding.beam_search import gather_slots
from exedec_tf.decoding.model_search import full_decode_logits_fn
from exedec_tf.layers.aligned_positions import aligned_query_positions
from exedec_tf.layers.relative_attention import MASK_BIAS


def supports_cached_decoding(model) -> bool:
    """Whether `CachedDecoder` reproduces the full pass for this model."""
    return bool(model.config.use_relative_attention)


def _heads(attention, x):
    """Query, key and value projections `[..., H, dh]` of one attention."""
    q = attention.query_dense(x) / np.sqrt(np.float32(attention.head_dim))
    return q, attention.key_dense(x), attention.value_dense(x)


def _attend(attention, q, keys, values, valid, bias):
    """One query per slot against `N` keys.

    Args:
      attention: the `RelativeAttention` layer (for its output projection).
      q: float32 `[B, K, H, dh]`, already scaled.
      keys, values: float32 `[B, K, N, H, dh]`.
      valid: bool `[B, K, N]`, the attention mask of the query's row.
      bias: float32 relative bias broadcastable to `[B, K, H, N]`.

    Returns:
      float32 `[B, K, D]`.
    """
    logits = tf.einsum("bkhd,bknhd->bkhn", q, keys)
    bias = bias + tf.where(
        valid[:, :, None, :], tf.constant(0.0), tf.constant(MASK_BIAS, tf.float32)
    )
    weights = tf.nn.softmax(logits + bias, axis=-1)
    context = tf.einsum("bkhn,bknhd->bkhd", weights, values)
    return attention.out_dense(context)


def _attend_origins(attention, q, keys, values, select, valid, bias):
    """One query per slot against the keys of its origin slot.

    Gathering every slot's `[M, H, dh]` keys by origin at each step costs
    more than attending to all K origins with one matmul and keeping the
    own origin's entries: the one-hot products below add exact zeros.

    Args:
      attention: the cross `RelativeAttention` layer.
      q: float32 `[B, K, H, dh]`, already scaled.
      keys: float32 `[B, H, dh, O*M]` of all origin slots.
      values: float32 `[B, H, M, O*dh]`.
      select: float32 one-hot `[B, K, O]` of each slot's origin.
      valid: bool `[B, K, M]`, the attention mask of the query's row.
      bias: float32 relative bias, `[H, M]` or `[B, K, H, M]`.

    Returns:
      float32 `[B, K, D]`.
    """
    shape = tf.shape(select)
    batch, beam, origins = shape[0], shape[1], shape[2]
    heads, width = attention.num_heads, attention.head_dim
    query = tf.transpose(q, [0, 2, 1, 3])  # [B, H, K, dh]
    logits = tf.reshape(
        tf.matmul(query, keys), [batch, heads, beam, origins, -1]
    )  # [B, H, K, O, M]
    logits = tf.einsum("bhkom,bko->bhkm", logits, select)
    if bias.shape.rank == 4:
        bias = tf.transpose(bias, [0, 2, 1, 3])  # [B, H, K, M]
    else:
        bias = bias[None, :, None, :]
    bias = bias + tf.where(
        valid[:, None], tf.constant(0.0), tf.constant(MASK_BIAS, tf.float32)
    )
    weights = tf.nn.softmax(logits + bias, axis=-1)  # [B, H, K, M]
    context = tf.reshape(
        tf.matmul(weights, values), [batch, heads, beam, origins, width]
    )
    context = tf.einsum("bhkod,bko->bkhd", context, select)
    return attention.out_dense(context)


class CachedDecoder:
    """Key/value-cached steps of an `ExeDecTransformer`'s decoder.

    Args:
      model: an `ExeDecTransformer` with relative attention.
      max_decode_length: T, the decode buffer length.

    Raises:
      ValueError: the model uses sinusoidal positions.
    """

    def __init__(self, model, max_decode_length: int):
        if not supports_cached_decoding(model):
            raise ValueError(
                "cached decoding needs use_relative_attention=True; use the "
                "full re-decode (cached=False) for this model"
            )
        self.model = model
        self.config = model.config
        self.length = int(max_decode_length)
        self.blocks = model.decoder.blocks

    def initial_cache(self, batch, beam):
        """Zero self-attention keys and values, one `(k, v)` pair per layer."""
        tensors = []
        for block in self.blocks:
            attention = block.self_attention
            shape = [batch, beam, self.length, attention.num_heads, attention.head_dim]
            tensors.append((tf.zeros(shape), tf.zeros(shape)))
        return tuple(tensors)

    def _cross_keys(self, encoded):
        """Per-layer cross-attention keys `[B, H, dh, K*M]` and values
        `[B, H, M, K*dh]` of all K origin slots, laid out for one matmul
        per step (see `_attend_origins`)."""
        shape = tf.shape(encoded)
        batch, beam = shape[0], shape[1]
        flat = tf.reshape(encoded, [batch * beam, -1, shape[-1]])
        result = []
        for block in self.blocks:
            attention = block.cross_attention
            heads, width = attention.num_heads, attention.head_dim
            unflat = [batch, beam, -1, heads, width]  # [B, O, M, H, dh]
            keys = tf.reshape(attention.key_dense(flat), unflat)
            values = tf.reshape(attention.value_dense(flat), unflat)
            keys = tf.transpose(keys, [0, 3, 4, 1, 2])  # [B, H, dh, O, M]
            values = tf.transpose(values, [0, 3, 2, 1, 4])  # [B, H, M, O, dh]
            result.append(
                (
                    tf.reshape(keys, [batch, heads, width, -1]),
                    tf.reshape(values, [batch, heads, tf.shape(values)[2], -1]),
                )
            )
        return result

    def logits_fn(self, encoded, mask):
        """A cached `logits_fn` for `beam_search` and its initial cache.

        Args:
          encoded: float32 `[B, K, E, L, D]` per-slot encodings.
          mask: float32 `[B, K, E, L]`, 1 where the spec output is not PAD.

        Returns:
          `(logits_fn, initial_cache)`.
        """
        cfg = self.config
        shape = tf.shape(encoded)
        example_length = tf.shape(encoded)[3]
        cross = self._cross_keys(encoded)
        cross_valid = tf.reshape(mask > 0, [shape[0], shape[1], -1])  # [B,K,M]
        full_fn = full_decode_logits_fn(self.model, encoded, mask)
        aligned = cfg.aligned_relative_attention
        separator = cfg.separator_token_id

        def cached_step(seqs, position, origin, cache):
            return self._step(
                seqs, position, origin, cache, cross, cross_valid, example_length
            )

        def logits_fn(seqs, position, origin, cache):
            if not aligned:
                return cached_step(seqs, position, origin, cache)
            # A separator written to the last slot shifts every aligned
            # position (cyclic roll): re-decode the whole buffer then.
            last_is_sep = tf.equal(seqs[:, :, self.length - 1], separator)
            wrap = tf.reduce_any(tf.not_equal(last_is_sep, separator == 0))
            return tf.cond(
                wrap,
                lambda: full_fn(seqs, position, origin, cache),
                lambda: cached_step(seqs, position, origin, cache),
            )

        return logits_fn, self.initial_cache(shape[0], shape[1])

    def _step(self, seqs, position, origin, cache, cross, cross_valid, example_length):
        cfg = self.config
        decoder = self.model.decoder
        length = self.length
        token = tf.gather(seqs, position, axis=2)  # int32 [B, K]
        positions = tf.range(length)  # [T]
        query_valid = token > 0  # bool [B, K]
        # Real (non-PAD) tokens at or before the read position.
        real = tf.logical_and(seqs > 0, positions <= position)  # bool [B, K, T]
        self_valid = tf.logical_and(real, query_valid[:, :, None])
        at_position = tf.equal(positions, position)[None, None, :, None, None]
        slot_valid = gather_slots(cross_valid, origin)  # bool [B, K, M]
        cross_mask = tf.logical_and(slot_valid, query_valid[:, :, None])
        num_keys = tf.shape(cross_valid)[2]
        select = tf.one_hot(origin, tf.shape(origin)[1])  # float32 [B, K, O]
        if cfg.aligned_relative_attention:
            aligned = aligned_query_positions(
                tf.reshape(seqs, [-1, length]), example_length, cfg.separator_token_id
            )  # [B*K, T]
            aligned = tf.reshape(
                tf.gather(aligned, position, axis=1), tf.shape(token)
            )  # [B, K]
            cross_rel = (
                tf.range(num_keys)[None, None, None, :] - aligned[:, :, None, None]
            )  # [B, K, 1, M]
        else:
            cross_rel = (tf.range(num_keys) - position)[None, :]  # [1, M]
        self_rel = (positions - position)[None, :]  # [1, T]

        y = decoder.embed_output(token)  # [B, K, D]
        new_cache = []
        for block, (keys, values), (cross_k, cross_v) in zip(
            self.blocks, cache, cross, strict=True
        ):
            attention = block.self_attention
            q, k, v = _heads(attention, block.self_attention_norm(y))
            keys = tf.where(at_position, k[:, :, None], keys)
            values = tf.where(at_position, v[:, :, None], values)
            new_cache.append((keys, values))
            # A PAD query averages over every position; the PAD states there
            # are its own (see the module docstring).
            replace = tf.logical_not(real)[:, :, :, None, None]
            bias = attention._relative_bias(None, None, self_rel)[..., 0, :]  # [H, T]
            x = _attend(
                attention,
                q,
                tf.where(replace, k[:, :, None], keys),
                tf.where(replace, v[:, :, None], values),
                self_valid,
                bias,
            )
            x = y + x
            attention = block.cross_attention
            q = block.cross_attention_norm(x)
            q = attention.query_dense(q) / np.sqrt(np.float32(attention.head_dim))
            bias = attention._relative_bias(None, None, cross_rel)
            bias = bias[..., 0, :]  # [H, M] or [B, K, H, M]
            z = _attend_origins(
                attention, q, cross_k, cross_v, select, cross_mask, bias
            )
            z = x + z
            y = z + block.mlp(block.mlp_norm(z))
        logits = decoder.logit_dense(decoder.output_norm(y))  # [B, K, V]
        return logits, tuple(new_cache)
