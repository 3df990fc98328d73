"""Tests of the aligned relative positions (models.md §7)."""

import numpy as np
import tensorflow as tf

from exedec_tf.layers.aligned_positions import (
    aligned_query_positions,
    aligned_relative_positions,
    flattened_key_positions,
)
from tests.models import numpy_reference
from tests.test_case import TestCase, seeded

SEP = 86


class AlignedPositionsTest(TestCase):
    def test_worked_example(self):
        # `a b | c d e | f g` with Lo = 100 (models.md §7).
        prog = np.array([[10, 11, SEP, 12, 13, 14, SEP, 15, 16]])
        got = aligned_query_positions(prog, 100, SEP)
        self.assertAllEqual(got, [[0, 1, 2, 100, 101, 102, 103, 200, 201]])

    def test_no_separator_is_identity(self):
        prog = np.array([[1, 5, 6, 0, 0], [1, 86, 86, 2, 0]])
        self.assertAllEqual(aligned_query_positions(prog, 7, -1), [list(range(5))] * 2)

    def test_circular_roll(self):
        # A separator in the last position counts before position 0.
        prog = np.array([[1, 5, 6, SEP]])
        self.assertAllEqual(aligned_query_positions(prog, 10, SEP), [[10, 11, 12, 13]])

    def test_relative_positions_and_reference(self):
        rng = seeded(0)
        prog = rng.integers(0, 6, (4, 11))
        prog[:, 0] = 1
        got = aligned_relative_positions(prog, 3 * 5, 5, 3)
        aligned = numpy_reference.aligned_positions(prog, 5, 3)
        want = np.arange(15)[None, None, :] - aligned[:, :, None]
        self.assertAllEqual(got, want)
        self.assertEqual(got.dtype, tf.int32)

    def test_xla(self):
        prog = seeded(1).integers(0, 6, (2, 9)).astype("int32")
        fn = tf.function(
            lambda p: aligned_relative_positions(p, 12, 4, 3), jit_compile=True
        )
        self.assertAllEqual(fn(prog), aligned_relative_positions(prog, 12, 4, 3))

    def test_flattened_key_positions(self):
        self.assertAllEqual(flattened_key_positions(6, 3, 3), np.arange(6))
        # Two examples trimmed to 3 of a padded 5: keys 0,1,2 and 5,6,7.
        self.assertAllEqual(flattened_key_positions(6, 3, 5), [0, 1, 2, 5, 6, 7])

    def test_stride_gives_the_padded_positions_of_kept_keys(self):
        rng = seeded(2)
        prog = rng.integers(0, 6, (3, 10))
        prog[:, 0] = 1
        padded = aligned_relative_positions(prog, 4 * 8, 8, 3).numpy()
        kept = (np.arange(32) % 8) < 5
        trimmed = aligned_relative_positions(prog, 4 * 5, 5, 3, stride=8)
        self.assertAllEqual(trimmed, padded[:, :, kept])
