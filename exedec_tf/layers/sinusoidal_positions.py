"""Fixed sinusoidal positions of the non-relative variant (models.md §9)."""

import numpy as np
from keras import ops


def sinusoidal_position_table(max_len: int, dim: int) -> np.ndarray:
    """Sinusoids `pe[p, 2i] = sin(p * w_i)`, `pe[p, 2i+1] = cos(p * w_i)`.

    `w_i = exp(-2i * ln(10000) / dim)`. Computed in float64 and stored in
    float32, as the original does. Only the non-relative variant (no
    published run) uses these; they are not parameters.

    Args:
      max_len: number of positions.
      dim: embedding width; must be even.

    Returns:
      float32 `[max_len, dim]`.
    """
    if dim % 2:
        raise ValueError(f"sinusoidal positions need an even width, got {dim}")
    table = np.zeros((max_len, dim), dtype=np.float32)
    position = np.arange(max_len)[:, None]
    frequency = np.exp(np.arange(0, dim, 2) * -(np.log(10000.0) / dim))
    table[:, 0::2] = np.sin(position * frequency)
    table[:, 1::2] = np.cos(position * frequency)
    return table


def sinusoids_for(table, tokens):
    """The first `tokens.shape[-1]` rows of a sinusoid table, as a tensor.

    Raises:
      ValueError: the sequence is longer than the table (config.max_len).
    """
    length = tokens.shape[-1]
    if length is None:
        return ops.convert_to_tensor(table)[: ops.shape(tokens)[-1]]
    if length > table.shape[0]:
        raise ValueError(f"length {length} exceeds max_len={table.shape[0]}")
    return ops.convert_to_tensor(table[:length])
