"""Tests of the relative-position bucket function against models.md §4."""

import numpy as np
import pytest
from absl.testing import parameterized

from exedec_tf.layers.relative_position import (
    bucket_lookup_table,
    check_bucket_settings,
    is_exact_mode,
    relative_position_bucket,
)
from tests.models import numpy_reference
from tests.test_case import TestCase

# models.md §4: "first distance n that falls in bucket b", with 32 buckets.
# Bidirectional entries are past-side buckets; the future side adds 16.
THRESHOLDS = {
    (True, 20): "8:8 9:9 10:11 11:12 12:13 13:15 14:16 15:18",
    (True, 60): "8:8 9:11 10:14 11:18 12:22 13:29 14:37 15:47",
    (True, 80): "8:8 9:11 10:15 11:19 12:26 13:34 14:45 15:60",
    (True, 128): "8:8 9:12 10:16 11:23 12:32 13:46 14:64 15:91",
    (True, 180): "8:8 9:12 10:18 11:26 12:38 13:57 14:83 15:122",
    (True, 200): "8:8 9:12 10:18 11:27 12:40 13:60 14:90 15:134",
    (True, 800): "8:8 9:15 10:26 11:45 12:80 13:143 14:253 15:450",
    (False, 60): "16:16 17:18 18:19 19:21 20:23 21:25 22:27 23:29 24:31 "
    "25:34 26:37 27:40 28:44 29:47 30:51 31:56",
    (False, 128): "16:16 17:19 18:21 19:24 20:27 21:31 22:35 23:40 24:46 "
    "25:52 26:59 27:67 28:77 29:87 30:99 31:113",
    (False, 200): "16:16 17:19 18:22 19:26 20:31 21:36 22:42 23:49 24:57 "
    "25:67 26:78 27:91 28:107 29:125 30:146 31:171",
}


class RelativePositionBucketTest(TestCase):
    @parameterized.parameters(*THRESHOLDS)
    def test_spec_thresholds(self, bidirectional, max_distance):
        distances = np.arange(0, 3001)
        past = relative_position_bucket(-distances, bidirectional, 32, max_distance)
        first = {}
        for n, b in zip(distances, past, strict=True):
            first.setdefault(int(b), int(n))
        for entry in THRESHOLDS[(bidirectional, max_distance)].split():
            b, n = map(int, entry.split(":"))
            self.assertEqual(first[b], n, f"bucket {b}")
        # Below the log buckets every distance is its own bucket.
        exact = 8 if bidirectional else 16
        np.testing.assert_array_equal(past[:exact], np.arange(exact))
        self.assertEqual(past.max(), 15 if bidirectional else 31)

    @parameterized.parameters(20, 60, 128, 200, 800)
    def test_bidirectional_future_side(self, max_distance):
        distances = np.arange(1, 3001)
        past = relative_position_bucket(-distances, True, 32, max_distance)
        future = relative_position_bucket(distances, True, 32, max_distance)
        np.testing.assert_array_equal(future, past + 16)
        self.assertEqual(relative_position_bucket(0, True, 32, max_distance), 0)
        self.assertEqual(relative_position_bucket(1, True, 32, max_distance), 17)
        self.assertNotIn(16, future)

    def test_causal_exact_mode_md20(self):
        # 32 buckets >= 21 positions: the RobustFill synthesizer's decoder.
        self.assertTrue(is_exact_mode(False, 32, 20))
        rel = np.arange(-50, 10)
        want = np.minimum(np.maximum(-rel, 0), 20)
        np.testing.assert_array_equal(
            relative_position_bucket(rel, False, 32, 20), want
        )

    def test_causal_future_is_bucket_zero(self):
        rel = np.arange(1, 500)
        self.assertFalse(relative_position_bucket(rel, False, 32, 200).any())

    def test_bidirectional_exact_mode(self):
        # The original code default: 41 buckets, max distance 20.
        self.assertTrue(is_exact_mode(True, 41, 20))
        self.assertFalse(is_exact_mode(True, 32, 20))
        rel = np.array([-30, -20, -1, 0, 1, 5, 20, 25])
        want = np.array([20, 20, 1, 0, 21, 25, 40, 40])
        np.testing.assert_array_equal(relative_position_bucket(rel, True, 41, 20), want)

    def test_integer_boundaries(self):
        # v lands exactly on an integer at these three points (models.md §4).
        self.assertEqual(relative_position_bucket(-16, True, 32, 128), 10)
        self.assertEqual(relative_position_bucket(-15, True, 32, 128), 9)
        self.assertEqual(relative_position_bucket(-40, True, 32, 200), 12)
        self.assertEqual(relative_position_bucket(-39, True, 32, 200), 11)
        self.assertEqual(relative_position_bucket(-80, True, 32, 800), 12)
        self.assertEqual(relative_position_bucket(-79, True, 32, 800), 11)

    @parameterized.product(
        bidirectional=(True, False),
        num_buckets=(8, 16, 32, 41, 64, 101, 128, 160),
        max_distance=(3, 4, 20, 60, 100, 200, 800),
    )
    def test_matches_reference_and_lookup_table(
        self, bidirectional, num_buckets, max_distance
    ):
        rel = np.arange(-1200, 1201)
        got = relative_position_bucket(rel, bidirectional, num_buckets, max_distance)
        want = numpy_reference.buckets(rel, bidirectional, num_buckets, max_distance)
        np.testing.assert_array_equal(got, want)
        self.assertTrue((got >= 0).all() and (got < num_buckets).all())
        table = bucket_lookup_table(bidirectional, num_buckets, max_distance)
        index = np.clip(rel, -max_distance, max_distance) + max_distance
        np.testing.assert_array_equal(table[index], got)

    def test_dtype_and_shape(self):
        rel = np.arange(-6, 6).reshape(3, 4)
        out = relative_position_bucket(rel, True, 32, 128)
        self.assertEqual(out.dtype, np.int32)
        self.assertEqual(out.shape, (3, 4))


@pytest.mark.parametrize(
    "args,error",
    [
        ((True, 0, 10), ValueError),
        ((True, 32, 0), ValueError),
        ((True, 3, 10), ValueError),  # log mode with no exact bucket
        ((False, 1, 10), ValueError),
        ((True, 32.0, 10), TypeError),
        ((True, 32, True), TypeError),
    ],
)
def test_bad_settings(args, error):
    with pytest.raises(error):
        check_bucket_settings(*args)
