"""Beam search over an ExeDec Transformer: encode every slot, then decode.

`model_beam_search` is the tensor-level search behind `SearchModule` (both
the in-process search and the exported SavedModel signature). It
encodes the K per-slot specifications once, then runs `beam_search` with a
callback that finds each hypothesis's encoding through its origin slot. The
callback either re-decodes the whole `[B*K, T]` buffer every step (the
original's "slow decode") or steps the key/value-cached decoder of
`exedec_tf.decoding.cached_decoder` (default).
"""

import tensorflow as tf

from exedec_tf.decoding.beam_search import BeamSearchResult, beam_search
from exedec_tf.decoding.cached_decoder import CachedDecoder, supports_cached_decoding


def encode_slots(model, inputs, outputs):
    """Encodes per-slot specifications.

    Args:
      model: an `ExeDecTransformer`.
      inputs: int `[B, K, E, L]`.
      outputs: int `[B, K, E, L]`.

    Returns:
      float32 encoding `[B, K, E, L, D]` and float32 padding mask
      `[B, K, E, L]` (1 where `outputs > 0`).
    """
    inputs = tf.cast(inputs, tf.int32)
    outputs = tf.cast(outputs, tf.int32)
    shape = tf.shape(inputs)
    flat_shape = tf.concat([[-1], shape[2:]], axis=0)
    encoded = model.encode(
        tf.reshape(inputs, flat_shape), tf.reshape(outputs, flat_shape)
    )  # [B*K, E, L, D]
    encoded = tf.reshape(encoded, tf.concat([shape, tf.shape(encoded)[-1:]], axis=0))
    mask = tf.cast(outputs > 0, tf.float32)
    return encoded, mask


def full_decode_logits_fn(model, encoded, mask):
    """The "slow decode" callback: the whole buffer through the decoder
    (`ExeDecTransformer.decode_slots`).

    Args:
      model: an `ExeDecTransformer`.
      encoded: float32 `[B, K, E, L, D]` encodings of the input slots.
      mask: float32 `[B, K, E, L]`.

    Returns:
      A `logits_fn` for `beam_search`.
    """

    def logits_fn(seqs, position, origin, cache):
        return model.decode_slots(seqs, position, origin, encoded, mask), cache

    return logits_fn


def model_beam_search(
    model, inputs, outputs, init_scores, init_finished, settings
) -> BeamSearchResult:
    """One beam search per batch item with an ExeDec model (inference.md §1.10).

    Args:
      model: an `ExeDecTransformer` (any of the four model types).
      inputs: int `[B, K, E, L]` spec inputs per slot.
      outputs: int `[B, K, E, L]` spec outputs (or subgoals) per slot.
      init_scores: float32 `[B, K]`.
      init_finished: bool `[B, K]`.
      settings: the `SearchSettings` (T, alpha, BOS/EOS ids, `cached`: the
        layers' key/value caches when the model supports them, see
        `supports_cached_decoding`, else the full re-decode).

    Returns:
      `BeamSearchResult(seqs [B,K,T-1], scores [B,K], origin [B,K])`.
    """
    encoded, mask = encode_slots(model, inputs, outputs)
    length = settings.max_decode_length
    if settings.cached and supports_cached_decoding(model):
        logits_fn, cache = CachedDecoder(model, length).logits_fn(encoded, mask)
    else:
        logits_fn, cache = full_decode_logits_fn(model, encoded, mask), ()
    return beam_search(
        logits_fn,
        init_scores,
        init_finished,
        length,
        cache=cache,
        alpha=settings.alpha,
        bos_token=settings.bos_token,
        eos_token=settings.eos_token,
    )
