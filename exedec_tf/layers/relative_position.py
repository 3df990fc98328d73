"""Relative-position buckets of ExeDec's attention biases (models.md §4).

Every attention module adds a learned per-head scalar indexed by a bucketed
relative distance `rel = key position - query position`. The bucket function
is evaluated here on the host, in NumPy, and never on the accelerator: three
log-bucket boundaries fall exactly on an integer, so a `log` that is not
correctly rounded (as on some accelerators) would move them one bucket down.

Inside a model the buckets are looked up from a small host-built table, see
`bucket_lookup_table`: the bucket of any `rel` equals the bucket of
`clip(rel, -max_distance, max_distance)`, so a table of `2 * max_distance + 1`
entries covers every integer and the device only gathers integers.
"""

import numpy as np


def _check_settings(num_buckets: int, max_distance: int) -> None:
    if isinstance(num_buckets, bool) or not isinstance(num_buckets, int | np.integer):
        raise TypeError(f"num_buckets must be an int, got {num_buckets!r}")
    if isinstance(max_distance, bool) or not isinstance(max_distance, int | np.integer):
        raise TypeError(f"max_distance must be an int, got {max_distance!r}")
    if num_buckets < 1:
        raise ValueError(f"num_buckets must be >= 1, got {num_buckets}")
    if max_distance < 1:
        raise ValueError(f"max_distance must be >= 1, got {max_distance}")


def is_exact_mode(bidirectional: bool, num_buckets: int, max_distance: int) -> bool:
    """Whether every clipped distance gets its own bucket (no log buckets).

    Args:
      bidirectional: True for attention to both sides, False for causal.
      num_buckets: size of the bias table.
      max_distance: the largest distinguished distance.

    Returns:
      True when `num_buckets` covers all `2 * max_distance + 1` (bidirectional)
      or `max_distance + 1` (causal) clipped positions.
    """
    _check_settings(num_buckets, max_distance)
    num_positions = (2 * max_distance if bidirectional else max_distance) + 1
    return num_buckets >= num_positions


def check_bucket_settings(
    bidirectional: bool, num_buckets: int, max_distance: int
) -> None:
    """Raises ValueError if the bucket function is undefined for the settings.

    In log mode the number of exact buckets is `(num_buckets // 2) // 2`
    (bidirectional) or `num_buckets // 2` (causal); when that is 0 the
    original formula divides by zero, so such settings are rejected.
    """
    if is_exact_mode(bidirectional, num_buckets, max_distance):
        return
    side_buckets = num_buckets // 2 if bidirectional else num_buckets
    if side_buckets // 2 < 1:
        raise ValueError(
            f"num_buckets={num_buckets} is too small for log-mode buckets "
            f"(bidirectional={bidirectional}, max_distance={max_distance})"
        )


def relative_position_bucket(
    relative_position, bidirectional: bool, num_buckets: int, max_distance: int
) -> np.ndarray:
    """Maps relative positions to bucket ids exactly as the original does.

    Args:
      relative_position: integer array-like, key position minus query position
        (negative: the key is in the past).
      bidirectional: True for attention to both sides; False for causal
        attention, where all future positions share bucket 0.
      num_buckets: size of the bias table.
      max_distance: distances at or beyond this share the last bucket.

    Returns:
      int32 array of the same shape, with values in `[0, num_buckets)`.
    """
    check_bucket_settings(bidirectional, num_buckets, max_distance)
    rel = np.asarray(relative_position, dtype=np.int64)
    if is_exact_mode(bidirectional, num_buckets, max_distance):
        low = -max_distance
        high = max_distance if bidirectional else 0
        rel = np.clip(rel, low, high)
        if bidirectional:
            bucket = np.abs(rel) + np.where(rel > 0, max_distance, 0)
        else:
            bucket = -rel
        return bucket.astype(np.int32)

    if bidirectional:
        side_buckets = num_buckets // 2
        offset = np.where(rel > 0, side_buckets, 0)
        distance = np.abs(rel)
    else:
        side_buckets = num_buckets
        offset = np.zeros_like(rel)
        distance = np.maximum(-rel, 0)
    max_exact = side_buckets // 2
    # The original evaluates the log buckets in float32 with the scale
    # `log(max_distance / max_exact)` taken of a double quotient rounded to
    # float32. Logs are taken in float64 and rounded to float32, which gives
    # the correctly rounded float32 log the reference table was made with.
    ratio = distance.astype(np.float32) / np.float32(max_exact)
    with np.errstate(divide="ignore"):
        log_ratio = np.log(ratio.astype(np.float64)).astype(np.float32)
    log_scale = np.float32(np.log(np.float64(np.float32(max_distance / max_exact))))
    large = np.float32(max_exact) + (
        log_ratio / log_scale * np.float32(side_buckets - max_exact)
    )
    large = np.minimum(large, np.float32(side_buckets - 1))
    # As in the original, the side offset is added in float32 before the
    # truncation to int (v >= max_exact > 0 there, so truncation is floor).
    value = np.where(distance < max_exact, distance.astype(np.float32), large)
    bucket = offset.astype(np.float32) + value
    return bucket.astype(np.int32)


def bucket_lookup_table(
    bidirectional: bool, num_buckets: int, max_distance: int
) -> np.ndarray:
    """Bucket ids of `rel = -max_distance .. max_distance`, in that order.

    The bucket of any integer `rel` is
    `table[clip(rel, -max_distance, max_distance) + max_distance]`: beyond
    `max_distance` in either direction the bucket no longer changes.

    Returns:
      int32 array of shape `[2 * max_distance + 1]`.
    """
    rel = np.arange(-max_distance, max_distance + 1)
    return relative_position_bucket(rel, bidirectional, num_buckets, max_distance)
