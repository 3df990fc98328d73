"""Attention masks from token ids (0 is padding), with a singleton head axis."""

from keras import ops


def padding_mask(query_tokens, key_tokens):
    """`mask[..., 0, i, j] = (query_i > 0) and (key_j > 0)`.

    Args:
      query_tokens: int `[..., Tq]` (or 0/1 validity).
      key_tokens: int `[..., Tk]` with the same leading dims.

    Returns:
      bool `[..., 1, Tq, Tk]`.
    """
    query_valid = ops.greater(query_tokens, 0)[..., None, :, None]
    key_valid = ops.greater(key_tokens, 0)[..., None, None, :]
    return ops.logical_and(query_valid, key_valid)


def causal_mask(length):
    """bool `[1, T, T]`, True where the key position is not after the query."""
    positions = ops.arange(length, dtype="int32")
    return (positions[None, :] <= positions[:, None])[None]
