"""Tests of the sinusoidal position table (non-relative variant)."""

import numpy as np

from exedec_tf.layers.sinusoidal_positions import (
    sinusoidal_position_table,
    sinusoids_for,
)
from tests.test_case import TestCase


class SinusoidalPositionsTest(TestCase):
    def test_values(self):
        table = sinusoidal_position_table(50, 8)
        self.assertEqual(table.dtype, np.float32)
        p, i = 7, 2
        angle = p * np.exp(-2 * i * np.log(10000.0) / 8)
        self.assertAllClose(table[p, 2 * i], np.sin(angle))
        self.assertAllClose(table[p, 2 * i + 1], np.cos(angle))
        self.assertAllEqual(table[0, 0::2], np.zeros(4))

    def test_slicing_and_errors(self):
        table = sinusoidal_position_table(5, 4)
        self.assertAllEqual(sinusoids_for(table, np.zeros((2, 3))), table[:3])
        with self.assertRaisesRegex(ValueError, "max_len"):
            sinusoids_for(table, np.zeros((2, 6)))
        with self.assertRaisesRegex(ValueError, "even"):
            sinusoidal_position_table(5, 3)
