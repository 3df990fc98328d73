"""Tests of EncoderBlock."""

import numpy as np

from exedec_tf.layers.encoder_block import EncoderBlock
from tests.test_case import TestCase, seeded

ARGS = dict(num_heads=2, qkv_dim=8, mlp_dim=16, num_buckets=8, max_distance=4)


class EncoderBlockTest(TestCase):
    def test_layer_contract(self):
        rng = seeded(0)
        x = rng.standard_normal((2, 3, 5, 8)).astype("float32")
        mask = rng.random((2, 3, 1, 5, 5)) > 0.2
        self.run_layer_test(
            EncoderBlock,
            dict(ARGS, dropout_rate=0.1, attention_dropout_rate=0.1),
            args=(x,),
            call_kwargs={"attention_mask": mask},
            expected_output_shape=(2, 3, 5, 8),
            expected_num_trainable_weights=13,  # models.md §10.2
        )

    def test_flax_names(self):
        block = EncoderBlock(**ARGS, name="encoderblock_0")
        block.build((None, 8))
        names = {v.path.split("/", 1)[1] for v in block.weights}
        self.assertEqual(
            names,
            {
                "LayerNorm_0/scale",
                "LayerNorm_0/bias",
                "LayerNorm_1/scale",
                "LayerNorm_1/bias",
                "RelativeSelfAttention_0/query/kernel",
                "RelativeSelfAttention_0/key/kernel",
                "RelativeSelfAttention_0/value/kernel",
                "RelativeSelfAttention_0/out/kernel",
                "RelativeSelfAttention_0/Embed_0/embedding",
                "MLPBlock_0/Dense_0/kernel",
                "MLPBlock_0/Dense_0/bias",
                "MLPBlock_0/Dense_1/kernel",
                "MLPBlock_0/Dense_1/bias",
            },
        )
        plain = EncoderBlock(**ARGS, use_relative_attention=False)
        plain.build((None, 8))
        self.assertLen(plain.weights, 12)
        self.assertTrue(plain.self_attention.name == "SelfAttention_0")

    def test_pre_layer_norm_residual(self):
        # Zero output projections make both sublayers vanish: identity.
        block = EncoderBlock(**ARGS)
        x = seeded(1).standard_normal((2, 5, 8)).astype("float32")
        block(x)
        block.self_attention.out_dense.kernel.assign(np.zeros((2, 4, 8), "float32"))
        block.mlp.output_dense.kernel.assign(np.zeros((16, 8), "float32"))
        block.mlp.output_dense.bias.assign(np.zeros((8,), "float32"))
        self.assertAllClose(block(x), x)

    def test_layer_norm_epsilon(self):
        block = EncoderBlock(**ARGS)
        block.build((None, 8))
        self.assertEqual(block.attention_norm.epsilon, 1e-6)
        self.assertEqual(block.mlp_norm.epsilon, 1e-6)
