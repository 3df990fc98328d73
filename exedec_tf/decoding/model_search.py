"""Beam search over an ExeDec Transformer: encode every slot, then decode.

`model_beam_search` is the tensor-level function behind both the in-process
adapter (`KerasBeamSearchModel`) and the exported SavedModel signature. It
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
    model,
    inputs,
    outputs,
    init_scores,
    init_finished,
    max_decode_length: int,
    alpha: float = 0.0,
    bos_token: int = 1,
    eos_token: int = 2,
    cached: bool = True,
) -> BeamSearchResult:
    """One beam search per batch item with an ExeDec model (inference.md §1.10).

    Args:
      model: an `ExeDecTransformer` (any of the four model types).
      inputs: int `[B, K, E, L]` spec inputs per slot.
      outputs: int `[B, K, E, L]` spec outputs (or subgoals) per slot.
      init_scores: float32 `[B, K]`.
      init_finished: bool `[B, K]`.
      max_decode_length: T.
      alpha: brevity-penalty exponent.
      bos_token: BOS id.
      eos_token: EOS id.
      cached: step a key/value cache (True; used when the model supports
        it, see `supports_cached_decoding`) or re-decode the whole buffer.

    Returns:
      `BeamSearchResult(seqs [B,K,T-1], scores [B,K], origin [B,K])`.
    """
    encoded, mask = encode_slots(model, inputs, outputs)
    if cached and supports_cached_decoding(model):
        decoder = CachedDecoder(model, max_decode_length)
        logits_fn, cache = decoder.logits_fn(encoded, mask)
    else:
        logits_fn, cache = full_decode_logits_fn(model, encoded, mask), ()
    return beam_search(
        logits_fn,
        init_scores,
        init_finished,
        max_decode_length,
        cache=cache,
        alpha=alpha,
        bos_token=bos_token,
        eos_token=eos_token,
    )
