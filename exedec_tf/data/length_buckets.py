"""Trimming padded batches to bucketed lengths, so compute follows real tokens.

A batch from `pipeline.batched` is padded to the config's static lengths
(e.g. RobustFill SpecDecomposer inputs `[B, 4, 200]` holding at most 20
characters). `trim_batch` cuts the last axis of chosen fields to the smallest
bucket length that holds the batch's longest row, so the model works on
`[B, 4, 24]` instead. The buckets are a short fixed ladder (`bucket_lengths`),
so an XLA step compiles a bounded number of shapes. Examples are never
reordered: the stream, and so the original's loss grouping, is unchanged.

Which fields may be trimmed without changing the model's numerics is the
caller's decision (see `exedec_tf.training.data.bucketed_lengths`): trimming
only removes padding, but a model can still depend on the padded length.
"""

from collections.abc import Mapping

import tensorflow as tf


def bucket_lengths(max_length: int, smallest: int = 8) -> tuple[int, ...]:
    """The ladder `8, 12, 16, 24, 32, 48, ...` below `max_length`, then it.

    Powers of two and their 1.5x midpoints: at most a third of a trimmed
    field is padding, with about two buckets per doubling.

    Args:
      max_length: the field's static length (the last bucket).
      smallest: the shortest bucket (shorter buckets save little).

    Raises:
      ValueError: a non-positive length.
    """
    for name, value in (("max_length", max_length), ("smallest", smallest)):
        if type(value) is not int or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    ladder = []
    power = smallest
    while power < max_length:
        ladder.append(power)
        if power * 3 // 2 < max_length:
            ladder.append(power * 3 // 2)
        power *= 2
    return tuple(sorted(set(ladder))) + (max_length,)


def longest_row(ids: tf.Tensor) -> tf.Tensor:
    """int32 scalar: 1 + the last position holding a non-zero id (0 if none).

    Args:
      ids: int `[..., L]`, 0 = padding (trailing, as the pipeline pads).
    """
    length = tf.shape(ids)[-1]
    positions = tf.range(1, length + 1, dtype=tf.int32)  # [L]
    used = tf.where(tf.not_equal(ids, 0), positions, tf.zeros_like(positions))
    return tf.reduce_max(tf.concat([tf.reshape(used, [-1]), [0]], axis=0))


def bucket_for(needed: tf.Tensor, buckets: tuple[int, ...]) -> tf.Tensor:
    """int32 scalar: the smallest bucket >= `needed` (the last one if none)."""
    ladder = tf.constant(buckets, tf.int32)
    fits = tf.where(ladder >= needed, ladder, tf.fill(tf.shape(ladder), buckets[-1]))
    return tf.reduce_min(fits)


def trim_batch(
    batch: Mapping[str, tf.Tensor],
    buckets: Mapping[str, tuple[int, ...]],
    spare: Mapping[str, int] | None = None,
) -> dict[str, tf.Tensor]:
    """Cuts each field in `buckets` to the bucket of its longest row.

    Args:
      batch: int tensors, padded with trailing 0 on their last axis.
      buckets: field name -> its bucket ladder (from `bucket_lengths`); other
        fields pass through unchanged.
      spare: field name -> padding positions to keep after the longest row
        (still capped at the last bucket), e.g. 1 for a target whose shifted
        decoder input must not end on a real token.

    Returns:
      A new dict, the trimmed fields with an unknown last dimension.

    Raises:
      KeyError: a field in `buckets` that the batch lacks.
    """
    spare = dict(spare or {})
    out = dict(batch)
    for name, ladder in buckets.items():
        if name not in batch:
            raise KeyError(f"no field {name!r} to trim; the batch has {sorted(batch)}")
        ids = batch[name]
        needed = longest_row(ids) + spare.get(name, 0)
        out[name] = ids[..., : bucket_for(needed, ladder)]
    return out


def trim_to_buckets(
    batches: tf.data.Dataset,
    buckets: Mapping[str, tuple[int, ...]],
    spare: Mapping[str, int] | None = None,
) -> tf.data.Dataset:
    """`trim_batch` on every batch of a dataset of dicts, order kept."""
    return batches.map(
        lambda batch: trim_batch(batch, buckets, spare),
        num_parallel_calls=tf.data.AUTOTUNE,
        deterministic=True,
    )
