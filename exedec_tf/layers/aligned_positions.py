"""Aligned relative positions of the SpecDecomposer's cross-attention (§7).

The SpecDecomposer's target is `part_0 | part_1 | ... | part_{N-1} EOS`, one
part per I/O example. Aligned positions let the k-th token of segment e sit
at flattened encoder position `e * Lo + k`, which is position k of example
e's encoded output, so the cross-attention bias is measured from there.

Everything here is static-shape integer arithmetic (no growing tensors and
no loops), so it compiles under XLA.
"""

from keras import ops


def aligned_query_positions(programs, example_length: int, separator_id: int):
    """Aligned position of every decoder position.

    `aligned_t = Lo * count_t + t - reset_t`, where `count_t` is the number of
    separators before t and `reset_t` is the position just after the latest
    of them (0 if none). As in the original, "before" comes from a circular
    roll, so a separator in the last position counts as one before
    position 0.

    Args:
      programs: int `[B, T]`, the decoder input (shifted targets or the
        running beam, position 0 being BOS).
      example_length: Lo, the padded per-example encoded length.
      separator_id: the separator token id; -1 gives `aligned_t = t`.

    Returns:
      int32 `[B, T]`.

    Example: with Lo = 100, `a b | c d e | f g` gives
    `[0, 1, 2, 100, 101, 102, 103, 200, 201]`.
    """
    length = ops.shape(programs)[-1]
    positions = ops.arange(length, dtype="int32")  # [T]
    is_separator = ops.cast(ops.equal(programs, separator_id), "int32")
    starts = ops.roll(is_separator, shift=1, axis=-1)  # int32 [B, T]
    marks = starts * positions  # int32 [B, T]: segment starts, else 0
    # Running maximum of marks over u <= t, via a lower-triangular mask;
    # T is small, and this avoids a sequential scan.
    lower = positions[None, :] <= positions[:, None]  # bool [T(t), T(u)]
    reset = ops.max(
        ops.where(lower, marks[..., None, :], ops.zeros((), "int32")), axis=-1
    )  # int32 [B, T]
    count = ops.cumsum(starts, axis=-1)  # int32 [B, T]
    return example_length * count + positions - reset


def flattened_key_positions(num_keys: int, example_length: int, stride: int):
    """Position of each flattened encoder key, example e's keys from `e * stride`.

    With `stride == example_length` this is `arange(num_keys)`; a larger
    stride gives a batch trimmed to `example_length` the key positions of the
    same batch padded to `stride` (what training on bucketed lengths needs).

    Returns:
      int32 `[num_keys]`.
    """
    keys = ops.arange(num_keys, dtype="int32")
    if isinstance(stride, int) and stride == example_length:
        return keys
    return (keys // example_length) * stride + keys % example_length


def aligned_relative_positions(
    programs, num_keys: int, example_length: int, separator_id: int, stride=None
):
    """Relative positions `m - aligned_t` of the aligned cross-attention.

    Args:
      programs: int `[B, T]` decoder input.
      num_keys: N * Lo, the flattened encoder length.
      example_length: Lo.
      separator_id: the separator token id.
      stride: the padded per-example length the positions are measured in
        (default Lo; see `flattened_key_positions`).

    Returns:
      int32 `[B, T, num_keys]`.
    """
    stride = example_length if stride is None else stride
    aligned = aligned_query_positions(programs, stride, separator_id)
    keys = flattened_key_positions(num_keys, example_length, stride)
    return keys[None, None, :] - aligned[:, :, None]
