"""The beam-search callback of incremental (key/value-cached) decoding.

Each step feeds only the token at the read position through
`ExeDecTransformer.decode_step`; the layers keep every position's
self-attention keys and values (`SelfAttentionCache`), and the
cross-attention keys and values of the input slots are projected once per
search (`ExeDecTransformer.decoder_memory`). The logits equal those of the
full pass over the buffer (`full_decode_logits_fn`) up to float rounding;
the layers and the model document how (PAD queries, the SpecDecomposer's
cyclic shift).
"""

import tensorflow as tf


def supports_cached_decoding(model) -> bool:
    """Whether `CachedDecoder` reproduces the full pass for this model."""
    return model.supports_cached_decoding


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
        self.length = int(max_decode_length)

    def logits_fn(self, encoded, mask):
        """A cached `logits_fn` for `beam_search` and its initial cache.

        Args:
          encoded: float32 `[B, K, E, L, D]` per-slot encodings.
          mask: float32 `[B, K, E, L]`, 1 where the spec output is not PAD.

        Returns:
          `(logits_fn, initial_cache)`.
        """
        model = self.model
        memory = model.decoder_memory(encoded, mask)
        shape = tf.shape(encoded)

        def logits_fn(seqs, position, origin, cache):
            return model.decode_step(seqs, position, origin, memory, cache)

        cache = model.initial_decode_cache((shape[0], shape[1]), self.length)
        return logits_fn, cache
