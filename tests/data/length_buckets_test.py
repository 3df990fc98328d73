"""Tests of exedec_tf.data.length_buckets: ladders, trimming, stream order."""

import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.data import length_buckets


@pytest.mark.parametrize(
    "max_length, ladder",
    [
        (200, (8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 200)),
        (85, (8, 12, 16, 24, 32, 48, 64, 85)),
        (20, (8, 12, 16, 20)),
        (15, (8, 12, 15)),
        (6, (6,)),
        (8, (8,)),
    ],
)
def test_bucket_ladders(max_length, ladder):
    assert length_buckets.bucket_lengths(max_length) == ladder


def test_bucket_ladder_rejects_a_bad_length():
    with pytest.raises(ValueError, match="max_length must be a positive int, got 0"):
        length_buckets.bucket_lengths(0)


def test_longest_row_counts_to_the_last_real_id():
    ids = tf.constant([[[5, 0, 0, 0], [3, 4, 6, 0]], [[0, 0, 0, 0], [7, 0, 0, 0]]])
    assert int(length_buckets.longest_row(ids)) == 3
    assert int(length_buckets.longest_row(tf.zeros([2, 5], tf.int32))) == 0


@pytest.mark.parametrize("needed, bucket", [(0, 8), (8, 8), (9, 12), (20, 20)])
def test_bucket_for(needed, bucket):
    got = length_buckets.bucket_for(tf.constant(needed), (8, 12, 16, 20))
    assert int(got) == bucket


def _batch(input_length, target_length, full=(30, 20)):
    inputs = np.zeros((2, 3, full[0]), np.int32)
    inputs[1, 2, :input_length] = np.arange(1, input_length + 1)
    targets = np.zeros((2, full[1]), np.int32)
    targets[0, :target_length] = 9
    return {"inputs": inputs, "outputs": inputs + 0, "targets": targets}


def test_trim_batch_cuts_named_fields_to_their_bucket():
    batch = _batch(input_length=13, target_length=8)
    ladders = {
        "inputs": length_buckets.bucket_lengths(30),
        "targets": length_buckets.bucket_lengths(20),
    }
    out = length_buckets.trim_batch(batch, ladders, spare={"targets": 1})
    assert out["inputs"].shape == (2, 3, 16)
    np.testing.assert_array_equal(out["inputs"], batch["inputs"][..., :16])
    # 8 tokens plus one spare padding position need the 12 bucket.
    assert out["targets"].shape == (2, 12)
    np.testing.assert_array_equal(out["targets"], batch["targets"][:, :12])
    assert out["outputs"].shape == (2, 3, 30)  # not named: untouched


def test_trim_batch_keeps_the_full_length_when_nothing_shorter_fits():
    batch = _batch(input_length=30, target_length=20)
    out = length_buckets.trim_batch(
        batch, {"targets": length_buckets.bucket_lengths(20)}, spare={"targets": 1}
    )
    assert out["targets"].shape == (2, 20)


def test_trim_batch_names_a_missing_field():
    with pytest.raises(KeyError, match="no field 'program' to trim"):
        length_buckets.trim_batch(_batch(3, 3), {"program": (8,)})


def test_trim_to_buckets_keeps_the_stream_order():
    batches = [_batch(n, 1 + n % 7) for n in (3, 25, 9, 14)]
    ds = tf.data.Dataset.from_tensor_slices(
        {k: np.stack([b[k] for b in batches]) for k in batches[0]}
    )
    ladders = {"inputs": length_buckets.bucket_lengths(30)}
    trimmed = list(length_buckets.trim_to_buckets(ds, ladders))
    assert [t["inputs"].shape[-1] for t in trimmed] == [8, 30, 12, 16]
    for got, want in zip(trimmed, batches, strict=True):
        width = got["inputs"].shape[-1]
        np.testing.assert_array_equal(got["inputs"], want["inputs"][..., :width])
        np.testing.assert_array_equal(got["targets"], want["targets"])
