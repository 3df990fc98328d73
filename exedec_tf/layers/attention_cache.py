"""The two caches of incremental (one position per step) decoding.

Both are plain named tuples of tensors, so `tf.while_loop` carries them and
`tf.nest` re-orders them with the beam slots.

* `SelfAttentionCache`: a layer's self-attention keys and values at every
  decode position, preallocated to the full length T and written by index.
* `MemoryCache`: a cross-attention's projected keys and values of O memory
  slots (the beam search's input slots), computed once per search and laid
  out so that one matmul per step attends to all of them.
"""

from typing import Any, NamedTuple


class SelfAttentionCache(NamedTuple):
    """Self-attention keys and values of positions `0..T-1` of one layer.

    Attributes:
      keys: float32 `[..., T, H, dh]`.
      values: float32 `[..., T, H, dh]`.
      filled: bool `[..., T]`, whether the position holds the key and value
        of a real token (one its own query could attend to); False for PAD
        tokens and positions not written yet.
    """

    keys: Any
    values: Any
    filled: Any


class MemoryCache(NamedTuple):
    """Cross-attention keys and values of O memory slots of M positions.

    Attributes:
      keys: float32 `[B, H, dh, O * M]`, the keys of every slot side by side.
      values: float32 `[B, H, M, O * dh]`.
    """

    keys: Any
    values: Any
