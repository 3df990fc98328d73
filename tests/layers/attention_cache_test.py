"""Tests of the cache tuples: the beam search re-orders and loops over them."""

import numpy as np
import tensorflow as tf

from exedec_tf.layers.attention_cache import MemoryCache, SelfAttentionCache
from exedec_tf.layers.relative_attention import RelativeAttention


def test_initial_cache_shapes_and_reordering_by_slot():
    layer = RelativeAttention(num_heads=2, qkv_dim=8, max_distance=4)
    layer.build((None, None, 6))
    cache = layer.initial_cache((2, 3), 5)
    assert isinstance(cache, SelfAttentionCache)
    assert tuple(cache.keys.shape) == (2, 3, 5, 2, 4)
    assert cache.filled.dtype == tf.bool and tuple(cache.filled.shape) == (2, 3, 5)
    marked = cache._replace(keys=tf.reshape(tf.range(2 * 3 * 5 * 8.0), (2, 3, 5, 2, 4)))
    parents = tf.constant([[2, 2, 0], [1, 0, 1]])
    moved = tf.nest.map_structure(lambda x: tf.gather(x, parents, batch_dims=1), marked)
    assert isinstance(moved, SelfAttentionCache)
    np.testing.assert_array_equal(moved.keys[0, 1], marked.keys[0, 2])
    np.testing.assert_array_equal(moved.keys[1, 1], marked.keys[1, 0])


def test_caches_are_carried_by_a_while_loop():
    memory = MemoryCache(keys=tf.ones((1, 2, 4, 6)), values=tf.ones((1, 2, 6, 4)))
    cache = SelfAttentionCache(
        keys=tf.zeros((1, 3, 2)),
        values=tf.zeros((1, 3, 2)),
        filled=tf.zeros((1, 3), bool),
    )

    def body(i, cache):
        write = tf.equal(tf.range(3), i)
        return i + 1, cache._replace(
            keys=tf.where(write[:, None], memory.keys[0, 0, 0, 0], cache.keys),
            filled=tf.logical_or(cache.filled, write),
        )

    _, cache = tf.while_loop(lambda i, c: i < 3, body, (tf.constant(0), cache))
    assert isinstance(cache, SelfAttentionCache)
    np.testing.assert_array_equal(cache.keys, np.ones((1, 3, 2)))
    assert bool(tf.reduce_all(cache.filled))
