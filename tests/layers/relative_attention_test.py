"""Tests of RelativeAttention."""

import numpy as np
import tensorflow as tf
from absl.testing import parameterized
from keras import ops

from exedec_tf.layers.relative_attention import MASK_BIAS, RelativeAttention
from exedec_tf.layers.relative_position import relative_position_bucket
from tests.test_case import TestCase, seeded

D, H, DH = 12, 3, 4


def attention(**kwargs):
    args = dict(num_heads=H, qkv_dim=H * DH, num_buckets=16, max_distance=6)
    args.update(kwargs)
    return RelativeAttention(**args)


class RelativeAttentionTest(TestCase):
    def test_self_attention_layer_contract(self):
        rng = seeded(0)
        x = rng.standard_normal((2, 3, 5, D)).astype("float32")
        mask = rng.random((2, 3, 1, 5, 5)) > 0.3
        self.run_layer_test(
            RelativeAttention,
            dict(num_heads=H, qkv_dim=H * DH, dropout_rate=0.1, max_distance=6),
            args=(x,),
            call_kwargs={"attention_mask": mask},
            expected_output_shape=(2, 3, 5, D),
            expected_num_trainable_weights=5,
            expected_num_params=4 * D * H * DH + 32 * H,
        )

    def test_cross_attention_with_positions_contract(self):
        rng = seeded(1)
        xq = rng.standard_normal((2, 4, D)).astype("float32")
        xkv = rng.standard_normal((2, 7, 8)).astype("float32")
        rel = rng.integers(-10, 10, (2, 4, 7)).astype("int32")
        layer, _ = self.run_layer_test(
            RelativeAttention,
            dict(num_heads=H, qkv_dim=H * DH, bidirectional=False),
            args=(xq, xkv),
            call_kwargs={"relative_positions": rel},
            expected_output_shape=(2, 4, D),
        )
        self.assertEqual(tuple(layer.key_dense.kernel.shape), (8, H, DH))

    def test_non_relative_has_no_table(self):
        x = seeded(2).standard_normal((2, 5, D)).astype("float32")
        self.run_layer_test(
            RelativeAttention,
            dict(num_heads=H, qkv_dim=H * DH, use_relative_attention=False),
            args=(x,),
            expected_num_trainable_weights=4,
        )

    def test_variable_names_and_shapes(self):
        layer = attention(name="RelativeSelfAttention_0")
        layer.build((None, None, D))
        shapes = {v.path: tuple(v.shape) for v in layer.weights}
        self.assertEqual(
            shapes,
            {
                "RelativeSelfAttention_0/query/kernel": (D, H, DH),
                "RelativeSelfAttention_0/key/kernel": (D, H, DH),
                "RelativeSelfAttention_0/value/kernel": (D, H, DH),
                "RelativeSelfAttention_0/out/kernel": (H, DH, D),
                "RelativeSelfAttention_0/Embed_0/embedding": (16, H),
            },
        )

    def test_glorot_limit_uses_flattened_fans(self):
        seeded(3)
        layer = RelativeAttention(num_heads=4, qkv_dim=128, max_distance=6)
        layer.build((None, 64))
        limit = np.sqrt(6 / (64 + 128))  # fan_in = D, fan_out = H * dh
        for kernel in (layer.query_dense.kernel, layer.out_dense.kernel):
            values = np.abs(kernel.numpy())
            self.assertLessEqual(values.max(), limit)
            self.assertGreater(values.max(), 0.95 * limit)
        self.assertNotAllClose(layer.query_dense.kernel, layer.key_dense.kernel)
        table = layer.relative_bias.embedding.numpy()
        self.assertBetween(table.std(), 0.5, 1.5)

    def test_bias_from_buckets(self):
        # With zero query/key kernels the logits are the relative bias alone.
        rng = seeded(4)
        layer = attention(bidirectional=False)
        x = rng.standard_normal((1, 6, D)).astype("float32")
        layer(x)
        layer.query_dense.kernel.assign(np.zeros((D, H, DH), "float32"))
        table = rng.standard_normal((16, H)).astype("float32")
        layer.relative_bias.embedding.assign(table)
        # Identity-like value/out kernels expose the attention weights.
        value = np.zeros((D, H, DH), "float32")
        out = np.zeros((H, DH, D), "float32")
        for h in range(H):
            value[:, h, 0] = np.eye(D)[0]  # v[j, h, 0] = x[j, 0]
            out[h, 0, h] = 1.0  # output channel h = head h
        layer.value_dense.kernel.assign(value)
        layer.out_dense.kernel.assign(out)
        got = np.asarray(layer(x))[0, :, :H]  # [Tq, H]
        rel = np.arange(6)[None, :] - np.arange(6)[:, None]
        bias = table[relative_position_bucket(rel, False, 16, 6)]  # [Tq, Tk, H]
        weights = np.exp(bias) / np.exp(bias).sum(1, keepdims=True)
        want = np.einsum("qkh,k->qh", weights, x[0, :, 0])
        self.assertAllClose(got, want, atol=1e-5)

    def test_explicit_default_positions_match(self):
        rng = seeded(5)
        layer = attention()
        xq = rng.standard_normal((2, 4, D)).astype("float32")
        xkv = rng.standard_normal((2, 9, D)).astype("float32")
        rel = np.arange(9)[None, :] - np.arange(4)[:, None]
        rel = np.broadcast_to(rel, (2, 4, 9)).astype("int32")
        self.assertAllClose(
            layer(xq, xkv), layer(xq, xkv, relative_positions=rel), atol=1e-6
        )

    @parameterized.parameters(True, False)
    def test_masked_keys_are_ignored(self, relative):
        rng = seeded(6)
        layer = attention(use_relative_attention=relative)
        xq = rng.standard_normal((2, 3, D)).astype("float32")
        xkv = rng.standard_normal((2, 5, D)).astype("float32")
        mask = np.ones((2, 1, 3, 5), bool)
        mask[..., 3:] = False
        changed = xkv.copy()
        changed[:, 3:] = 100.0
        self.assertAllClose(
            layer(xq, xkv, attention_mask=mask),
            layer(xq, changed, attention_mask=mask),
            atol=1e-6,
        )

    @parameterized.parameters(True, False)
    def test_fully_masked_row_is_uniform_average(self, relative):
        rng = seeded(7)
        layer = attention(use_relative_attention=relative)
        xq = rng.standard_normal((1, 3, D)).astype("float32")
        xkv = rng.standard_normal((1, 5, D)).astype("float32")
        mask = np.ones((1, 1, 3, 5), bool)
        mask[0, 0, 1] = False  # query 1 sees no key
        got = np.asarray(layer(xq, xkv, attention_mask=mask))
        v = np.einsum("kd,dhe->khe", xkv[0], layer.value_dense.kernel.numpy())
        want = np.einsum("he,hed->d", v.mean(0), layer.out_dense.kernel.numpy())
        self.assertAllClose(got[0, 1], want, atol=1e-5)
        self.assertTrue(np.isfinite(got).all())

    def test_float_mask_is_thresholded(self):
        rng = seeded(8)
        layer = attention()
        x = rng.standard_normal((2, 4, D)).astype("float32")
        mask = rng.random((2, 1, 4, 4)) > 0.5
        self.assertAllClose(
            layer(x, attention_mask=mask),
            layer(x, attention_mask=mask.astype("float32")),
        )

    def test_attention_dropout_only_in_training(self):
        rng = seeded(9)
        layer = attention(dropout_rate=0.5)
        x = rng.standard_normal((2, 6, D)).astype("float32")
        self.assertAllClose(layer(x), layer(x, training=False))
        self.assertNotAllClose(layer(x), layer(x, training=True))

    def test_mask_bias_value(self):
        self.assertEqual(MASK_BIAS, -1e10)
        self.assertEqual(float(np.float32(MASK_BIAS)), -1e10)

    def test_bad_heads(self):
        with self.assertRaisesRegex(ValueError, "divisible"):
            RelativeAttention(num_heads=3, qkv_dim=16)

    def test_dynamic_lengths_under_tf_function(self):
        layer = attention()
        x = seeded(10).standard_normal((2, 5, D)).astype("float32")
        fn = tf.function(
            lambda t: layer(t),
            input_signature=[tf.TensorSpec((None, None, D), tf.float32)],
        )
        self.assertAllClose(fn(x), layer(x), atol=1e-6)
        self.assertEqual(tuple(ops.shape(fn(x[:, :3]))), (2, 3, D))

    def test_gradient_does_not_materialise_leading_axes_times_kernel(self):
        # An ellipsis einsum's kernel gradient used to build a
        # [batch..., D, H, dh] tensor before summing it (~100x slower steps).
        layer = attention()
        x = tf.random.normal((3, 5, 7, D))
        layer.build(x.shape)

        @tf.function
        def gradients(x):
            with tf.GradientTape() as tape:
                y = layer(x)
            return tape.gradient(y, layer.trainable_variables)

        graph = gradients.get_concrete_function(x).graph
        sizes = [
            output.shape.num_elements()
            for op in graph.get_operations()
            for output in op.outputs
            if output.shape.is_fully_defined()
        ]
        broadcast = 3 * 5 * 7 * D * H * DH
        self.assertLess(max(sizes), broadcast // 4)


def _pad_buffer(rng, batch, length, pad_at):
    """Inputs `[batch, T, D]` whose PAD positions (token 0) share one vector,
    as PAD states of a relative-attention decoder do, and their tokens."""
    tokens = rng.integers(1, 5, (batch, length))
    for b, t in pad_at:
        tokens[b, t] = 0
    x = rng.standard_normal((batch, length, D)).astype("float32")
    x[tokens == 0] = rng.standard_normal(D).astype("float32")
    return x, tokens


class CachedAttentionTest(TestCase):
    def test_self_attention_cache_steps_equal_the_full_pass(self):
        rng = seeded(11)
        layer = attention(bidirectional=False)
        length = 6
        x, tokens = _pad_buffer(rng, 2, length, [(0, 2), (1, 3), (1, 4)])
        layer(x)
        cache = layer.initial_cache((2,), length)
        for p in range(length):
            # At step p the positions after p are PAD (not written yet).
            seen = np.where(np.arange(length) <= p, tokens, 0)
            buffer = np.where((seen == 0)[..., None], x[tokens == 0][0], x)
            causal = np.tril(np.ones((length, length), bool))
            mask = (seen[:, :, None] > 0) & (seen[:, None, :] > 0) & causal
            want = layer(buffer, attention_mask=mask[:, None])[:, p]
            row = mask[:, None, p : p + 1, :]  # [B, 1, 1, T]
            got, cache = layer(
                buffer[:, p : p + 1],
                attention_mask=row,
                cache=cache,
                cache_update_index=tf.constant(p),
            )
            self.assertAllClose(got[:, 0], want, atol=1e-5)
            self.assertAllEqual(cache.filled[:, p], seen[:, p] > 0)
        self.assertEqual(tuple(cache.keys.shape), (2, length, H, DH))

    def test_memory_cache_attends_to_the_chosen_slot(self):
        rng = seeded(12)
        layer = attention()
        batch, beam, origins, keys = 2, 3, 3, 7
        memory = rng.standard_normal((batch, origins, keys, 8)).astype("float32")
        query = rng.standard_normal((batch, beam, 1, D)).astype("float32")
        slots = np.array([[2, 0, 0], [1, 2, 1]])
        valid = rng.random((batch, beam, keys)) > 0.3
        rel = rng.integers(-8, 8, (batch, beam, 1, keys)).astype("int32")
        layer(query[:, 0], memory[:, 0])
        cache = layer.project_memory(memory)
        got, same = layer(
            query,
            attention_mask=valid[:, :, None, None, :],
            relative_positions=rel,
            cache=cache,
            cache_slots=tf.one_hot(slots, origins),
        )
        self.assertAllEqual(same.keys, cache.keys)
        self.assertAllEqual(same.values, cache.values)
        chosen = memory[np.arange(batch)[:, None], slots]  # [B, K, M, D]
        want = layer(
            query,
            chosen,
            attention_mask=valid[:, :, None, None, :],
            relative_positions=rel,
        )
        self.assertAllClose(got, want, atol=1e-5)

    def test_caches_need_their_arguments(self):
        layer = attention()
        x = np.ones((1, 1, D), "float32")
        layer(x)
        with self.assertRaisesRegex(ValueError, "cache_update_index"):
            layer(x, cache=layer.initial_cache((1,), 3))
        memory = layer.project_memory(np.ones((1, 2, 3, D), "float32"))
        with self.assertRaisesRegex(ValueError, "cache_slots"):
            layer(x[None], cache=memory, relative_positions=np.zeros((1, 3)))
        plain = attention(use_relative_attention=False)
        plain(x)
        with self.assertRaisesRegex(ValueError, "use_relative_attention"):
            plain(x, cache=plain.initial_cache((1,), 3), cache_update_index=0)
