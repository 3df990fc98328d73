"""Tests of IOEncoder."""

import numpy as np

from exedec_tf.models.io_encoder import IOEncoder
from tests.models.tiny import tiny_config
from tests.test_case import TestCase, seeded


class IOEncoderTest(TestCase):
    def test_layer_contract(self):
        rng = seeded(0)
        inputs = rng.integers(0, 20, (2, 3, 5)).astype("int32")
        outputs = rng.integers(0, 20, (2, 3, 4)).astype("int32")
        config = tiny_config("joint_model")
        layer, _ = self.run_layer_test(
            IOEncoder,
            {"config": config, "name": "encoder"},
            args=(inputs, outputs),
            expected_output_shape=(2, 3, 4, 16),
            # models.md §10.2: 1 + L*13 + 2 + L*20 + 2 leaves for L = 2.
            expected_num_trainable_weights=71,
            run_jit=False,  # covered by the model's XLA test
        )
        self.assertEqual(layer.config, config)

    def test_variable_paths(self):
        encoder = IOEncoder(tiny_config("joint_model"), name="encoder")
        encoder.build()
        paths = {v.path for v in encoder.weights}
        for path in (
            "encoder/embed/embedding",
            "encoder/encoder_norm/scale",
            "encoder/encoderdecoder_norm/bias",
            "encoder/encoderblock_1/RelativeSelfAttention_0/Embed_0/embedding",
            "encoder/encoderdecoderblock_0/RelativeMultiHeadDotProductAttention_0/"
            "out/kernel",
        ):
            self.assertIn(path, paths)

    def test_bucket_settings_per_stack(self):
        config = tiny_config("joint_model").replace(
            max_input_distance=3,
            max_output_distance=4,
            max_input_cross_output_distance=5,
        )
        encoder = IOEncoder(config)
        encoder.build()
        self.assertEqual(encoder.input_blocks[0].max_distance, 3)
        self.assertEqual(encoder.output_blocks[0].self_max_distance, 4)
        self.assertEqual(encoder.output_blocks[0].cross_max_distance, 5)

    def test_non_relative_adds_sinusoids(self):
        config = tiny_config("joint_model", relative=False, max_len=6)
        encoder = IOEncoder(config)
        tokens = np.ones((1, 2, 6), "int32")
        self.assertEqual(tuple(encoder(tokens, tokens).shape), (1, 2, 6, 16))
        with self.assertRaisesRegex(ValueError, "max_len"):
            encoder(np.ones((1, 2, 7), "int32"), tokens)
