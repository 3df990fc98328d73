"""What incremental decoding keeps of the encodings of a search's input slots."""

from typing import Any, NamedTuple


class DecoderMemory(NamedTuple):
    """The encodings of O input slots, prepared once per beam search.

    Made by `ExeDecTransformer.decoder_memory`; read by every
    `decode_step`. Its tensors have a leading `[B, O]`, the input slots,
    which stay fixed while the hypotheses move between beam slots, so it
    is not part of the per-hypothesis cache.

    Attributes:
      encoded: float32 `[B, O, E, L, D]`, the encoding of every slot.
      mask: float32 `[B, O, E, L]`, 1 where the spec output is not PAD.
      valid: bool `[B, O, E * L]`, the same flattened (the keys' validity).
      caches: one `MemoryCache` per decoder block, the projected keys and
        values of all O slots.
    """

    encoded: Any
    mask: Any
    valid: Any
    caches: Any
