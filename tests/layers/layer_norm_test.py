"""Tests of LayerNorm."""

import numpy as np

from exedec_tf.layers.layer_norm import LayerNorm
from tests.test_case import TestCase, seeded


def flax_layer_norm(x, scale, bias, epsilon=1e-6):
    """The original's float32 formula, in NumPy."""
    mean = x.mean(-1, keepdims=True, dtype=np.float32)
    mean_square = (x * x).mean(-1, keepdims=True, dtype=np.float32)
    var = np.maximum(np.float32(0), mean_square - mean * mean)
    return (x - mean) * (scale / np.sqrt(var + np.float32(epsilon))) + bias


class LayerNormTest(TestCase):
    def test_layer_contract(self):
        x = seeded(0).standard_normal((2, 3, 8)).astype("float32")
        self.run_layer_test(
            LayerNorm,
            {},
            args=(x,),
            expected_output_shape=(2, 3, 8),
            expected_num_trainable_weights=2,
            expected_num_params=16,
        )

    def test_flax_names_and_init(self):
        norm = LayerNorm(name="LayerNorm_0")
        norm.build((None, 4))
        self.assertEqual(
            [v.path for v in norm.weights], ["LayerNorm_0/scale", "LayerNorm_0/bias"]
        )
        self.assertAllEqual(norm.scale, np.ones(4))
        self.assertAllEqual(norm.bias, np.zeros(4))
        self.assertEqual(norm.epsilon, 1e-6)

    def test_matches_flax_formula(self):
        rng = seeded(1)
        norm = LayerNorm()
        x = (2 + 3 * rng.standard_normal((3, 5, 16))).astype("float32")
        norm.build(x.shape)
        scale = rng.standard_normal(16).astype("float32")
        bias = rng.standard_normal(16).astype("float32")
        norm.scale.assign(scale)
        norm.bias.assign(bias)
        self.assertAllClose(norm(x), flax_layer_norm(x, scale, bias), atol=1e-5)

    def test_small_variance_uses_small_epsilon(self):
        # With Keras' default epsilon 1e-3 this row would shrink by ~30%.
        norm = LayerNorm()
        x = np.array([[-0.01, 0.01]], "float32")
        self.assertAllClose(norm(x), [[-0.99504, 0.99504]], atol=1e-4)

    def test_constant_rows_stay_finite(self):
        norm = LayerNorm()
        out = np.asarray(norm(np.full((2, 8), 3.0, "float32")))
        self.assertAllEqual(out, np.zeros((2, 8)))
