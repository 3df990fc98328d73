"""Tests of the Flax-default initializers."""

import keras
import numpy as np

from exedec_tf.layers import initializers
from tests.test_case import TestCase, seeded


class InitializersTest(TestCase):
    def test_flattened_fans(self):
        seeded(0)
        values = np.asarray(initializers.kernel_init(2)((4, 32, 64)))
        limit = np.sqrt(6 / (4 * 32 + 64))
        self.assertLessEqual(np.abs(values).max(), limit)
        self.assertGreater(np.abs(values).max(), 0.99 * limit)
        # Uniform: variance limit^2 / 3.
        self.assertAllClose(values.var(), limit**2 / 3, rtol=0.05)

    def test_fresh_instances_differ(self):
        seeded(1)
        a = np.asarray(initializers.kernel_init()((8, 8)))
        b = np.asarray(initializers.kernel_init()((8, 8)))
        self.assertNotAllClose(a, b)

    def test_bias_and_embedding_scales(self):
        seeded(2)
        bias = np.asarray(initializers.bias_init()((10000,)))
        table = np.asarray(initializers.embedding_init()((100, 100)))
        self.assertAllClose(bias.std(), 1e-6, rtol=0.05)
        self.assertAllClose(table.std(), 1.0, rtol=0.05)

    def test_config_round_trip(self):
        init = initializers.FlattenedGlorotUniform(num_input_axes=2, seed=3)
        restored = keras.initializers.deserialize(keras.initializers.serialize(init))
        self.assertIsInstance(restored, initializers.FlattenedGlorotUniform)
        self.assertEqual(restored.get_config(), init.get_config())
        self.assertAllClose(restored((2, 3, 4)), init((2, 3, 4)))

    def test_bad_arguments(self):
        with self.assertRaises(ValueError):
            initializers.FlattenedGlorotUniform(num_input_axes=0)
        with self.assertRaises(ValueError):
            initializers.FlattenedGlorotUniform(num_input_axes=2)((3, 4))
