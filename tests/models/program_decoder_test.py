"""Tests of ProgramDecoder."""

from exedec_tf.layers.masks import causal_mask, padding_mask
from exedec_tf.models.program_decoder import ProgramDecoder
from tests.models.tiny import tiny_config
from tests.test_case import TestCase, seeded


class ProgramDecoderTest(TestCase):
    def test_layer_contract(self):
        rng = seeded(0)
        programs = rng.integers(0, 25, (2, 6)).astype("int32")
        programs[:, 0] = 1
        encoded = rng.standard_normal((2, 12, 16)).astype("float32")
        valid = rng.random((2, 12)) > 0.3
        self.run_layer_test(
            ProgramDecoder,
            {"config": tiny_config("joint_model"), "name": "decoder"},
            args=(programs, encoded),
            call_kwargs={
                "self_attention_mask": padding_mask(programs, programs)
                & causal_mask(6),
                "cross_attention_mask": padding_mask(programs, valid),
            },
            expected_output_shape=(2, 6, 25),
            # models.md §10.2: 1 + L*20 + 2 + 2 leaves for L = 2.
            expected_num_trainable_weights=45,
            run_jit=False,  # covered by the model's XLA test
        )

    def test_buckets_and_names(self):
        decoder = ProgramDecoder(tiny_config("joint_model"), name="decoder")
        decoder.build()
        block = decoder.blocks[1]
        self.assertFalse(block.self_bidirectional)
        self.assertTrue(block.cross_bidirectional)
        self.assertEqual(block.cross_max_distance, 12)
        paths = {v.path for v in decoder.weights}
        self.assertIn("decoder/logitdense/bias", paths)
        self.assertIn("decoder/embed_output/embedding", paths)
        self.assertIn("decoder/encoderdecoder_norm/scale", paths)
