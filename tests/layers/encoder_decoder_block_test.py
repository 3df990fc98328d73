"""Tests of EncoderDecoderBlock."""

import numpy as np

from exedec_tf.layers.encoder_decoder_block import EncoderDecoderBlock
from tests.test_case import TestCase, seeded

ARGS = dict(
    num_heads=2,
    qkv_dim=8,
    mlp_dim=16,
    self_num_buckets=8,
    self_max_distance=4,
    cross_num_buckets=8,
    cross_max_distance=6,
)


class EncoderDecoderBlockTest(TestCase):
    def test_layer_contract(self):
        rng = seeded(0)
        y = rng.standard_normal((2, 5, 8)).astype("float32")
        memory = rng.standard_normal((2, 9, 8)).astype("float32")
        self_mask = rng.random((2, 1, 5, 5)) > 0.2
        cross_mask = rng.random((2, 1, 5, 9)) > 0.2
        rel = rng.integers(-12, 12, (2, 5, 9)).astype("int32")
        self.run_layer_test(
            EncoderDecoderBlock,
            dict(ARGS, self_bidirectional=False, dropout_rate=0.1),
            args=(y, memory),
            call_kwargs={
                "self_attention_mask": self_mask,
                "cross_attention_mask": cross_mask,
                "cross_relative_positions": rel,
            },
            expected_output_shape=(2, 5, 8),
            expected_num_trainable_weights=20,  # models.md §10.2
        )

    def test_flax_names(self):
        block = EncoderDecoderBlock(**ARGS, name="encoderdecoderblock_0")
        block.build((None, 8), (None, 8))
        names = {v.path.split("/", 2)[1] for v in block.weights}
        self.assertEqual(
            names,
            {
                "LayerNorm_0",
                "LayerNorm_1",
                "LayerNorm_2",
                "RelativeSelfAttention_0",
                "RelativeMultiHeadDotProductAttention_0",
                "MLPBlock_0",
            },
        )
        plain = EncoderDecoderBlock(**ARGS, use_relative_attention=False)
        plain.build((None, 8), (None, 8))
        self.assertEqual(plain.cross_attention.name, "MultiHeadDotProductAttention_0")
        self.assertLen(plain.weights, 18)

    def test_memory_is_not_normalised(self):
        # Scaling the memory changes the output: it is used as given (a
        # LayerNorm on it would make the block invariant to the scale).
        rng = seeded(1)
        block = EncoderDecoderBlock(**ARGS)
        y = rng.standard_normal((1, 3, 8)).astype("float32")
        memory = rng.standard_normal((1, 4, 8)).astype("float32")
        self.assertNotAllClose(block(y, memory), block(y, 3 * memory))

    def test_causal_self_buckets(self):
        block = EncoderDecoderBlock(**ARGS, self_bidirectional=False)
        block.build((None, 8), (None, 8))
        self.assertFalse(block.self_attention.bidirectional)
        self.assertTrue(block.cross_attention.bidirectional)
        self.assertEqual(block.cross_attention.max_distance, 6)


class CachedEncoderDecoderBlockTest(TestCase):
    def test_cached_steps_equal_the_full_pass(self):
        # One beam slot per input slot; PAD positions share one input vector,
        # as the decoder's PAD embeddings do.
        rng = seeded(3)
        block = EncoderDecoderBlock(**dict(ARGS, self_bidirectional=False))
        batch, length, keys = 2, 5, 6
        tokens = rng.integers(1, 5, (batch, length))
        tokens[0, 2] = 0
        y = rng.standard_normal((batch, length, 8)).astype("float32")
        pad = rng.standard_normal(8).astype("float32")
        memory = rng.standard_normal((batch, keys, 8)).astype("float32")
        valid = rng.random((batch, keys)) > 0.3
        block(y, memory)
        cache = block.initial_cache((batch, 1), length)
        memory_cache = block.project_memory(memory[:, None])
        rel = np.arange(keys)[None, :] - np.arange(length)[:, None]
        for p in range(length):
            seen = np.where(np.arange(length) <= p, tokens, 0)
            buffer = np.where((seen == 0)[..., None], pad, y)
            causal = np.tril(np.ones((length, length), bool))
            self_mask = (seen[:, :, None] > 0) & (seen[:, None, :] > 0) & causal
            cross_mask = (seen[:, :, None] > 0) & valid[:, None, :]
            want = block(
                buffer,
                memory,
                self_attention_mask=self_mask[:, None],
                cross_attention_mask=cross_mask[:, None],
                cross_relative_positions=np.broadcast_to(rel, (batch, length, keys)),
            )[:, p]
            got, cache = block(
                buffer[:, None, p : p + 1],
                None,
                self_attention_mask=self_mask[:, None, None, p : p + 1],
                cross_attention_mask=cross_mask[:, None, None, p : p + 1],
                cross_relative_positions=rel[p : p + 1],
                self_attention_cache=cache,
                self_attention_cache_update_index=p,
                cross_attention_cache=memory_cache,
                cross_attention_slots=np.ones((batch, 1, 1), "float32"),
            )
            self.assertAllClose(got[:, 0, 0], want, atol=1e-5)
