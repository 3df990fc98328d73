"""Tests of MLPBlock."""

import math

import numpy as np

from exedec_tf.layers.mlp_block import MLPBlock
from tests.test_case import TestCase, seeded


class MLPBlockTest(TestCase):
    def test_layer_contract(self):
        x = seeded(0).standard_normal((2, 5, 8)).astype("float32")
        self.run_layer_test(
            MLPBlock,
            dict(mlp_dim=16, dropout_rate=0.1),
            args=(x,),
            expected_output_shape=(2, 5, 8),
            expected_num_trainable_weights=4,
            expected_num_params=2 * 8 * 16 + 16 + 8,
        )

    def test_tanh_gelu_and_names(self):
        rng = seeded(1)
        block = MLPBlock(mlp_dim=6, name="MLPBlock_0")
        x = 3 * rng.standard_normal((4, 5)).astype("float32")
        got = np.asarray(block(x))
        self.assertEqual(
            sorted(v.path for v in block.weights),
            [
                "MLPBlock_0/Dense_0/bias",
                "MLPBlock_0/Dense_0/kernel",
                "MLPBlock_0/Dense_1/bias",
                "MLPBlock_0/Dense_1/kernel",
            ],
        )
        w0, b0 = block.hidden_dense.kernel.numpy(), block.hidden_dense.bias.numpy()
        w1, b1 = block.output_dense.kernel.numpy(), block.output_dense.bias.numpy()
        h = x @ w0 + b0
        h = 0.5 * h * (1 + np.tanh(math.sqrt(2 / math.pi) * (h + 0.044715 * h**3)))
        self.assertAllClose(got, h @ w1 + b1, atol=1e-5)
        # Biases start at N(0, 1e-6).
        self.assertLess(np.abs(b0).max(), 1e-5)
        self.assertGreater(np.abs(b0).max(), 0)

    def test_dropout_only_in_training(self):
        x = seeded(2).standard_normal((3, 8)).astype("float32")
        block = MLPBlock(mlp_dim=32, dropout_rate=0.5)
        self.assertAllClose(block(x), block(x, training=False))
        self.assertNotAllClose(block(x), block(x, training=True))
