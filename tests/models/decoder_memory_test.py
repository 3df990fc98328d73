"""Tests of `DecoderMemory`, made by `ExeDecTransformer.decoder_memory`."""

import numpy as np
import tensorflow as tf

from exedec_tf.layers.attention_cache import MemoryCache
from exedec_tf.models import create_model
from exedec_tf.models.decoder_memory import DecoderMemory
from tests.models.tiny import randomise_weights, tiny_config
from tests.test_case import seeded


def test_fields_hold_every_slot_and_one_memory_cache_per_block():
    rng = seeded(0)
    config = tiny_config("synthesizer_model")
    model = create_model("synthesizer_model", config)
    randomise_weights(model, rng)
    batch, slots, examples, length = 2, 3, 2, 4
    encoded = rng.standard_normal((batch, slots, examples, length, 16)).astype(
        "float32"
    )
    mask = (rng.random((batch, slots, examples, length)) > 0.4).astype("float32")
    memory = model.decoder_memory(encoded, mask)
    assert isinstance(memory, DecoderMemory)
    np.testing.assert_array_equal(memory.encoded, encoded)
    np.testing.assert_array_equal(memory.valid, mask.reshape(batch, slots, -1) > 0)
    assert len(memory.caches) == config.num_layers
    heads, dh = config.num_heads, config.qkv_dim // config.num_heads
    for cache in memory.caches:
        assert isinstance(cache, MemoryCache)
        assert tuple(cache.keys.shape) == (batch, heads, dh, slots * examples * length)
        assert tuple(cache.values.shape) == (
            batch,
            heads,
            examples * length,
            slots * dh,
        )
    # The keys of slot 1 are the cross-attention keys of its flat encoding.
    attention = model.decoder.blocks[0].cross_attention
    flat = tf.reshape(encoded[:, 1], (batch, examples * length, 16))
    want = tf.transpose(attention.key_dense(flat), (0, 2, 3, 1))  # [B, H, dh, M]
    got = memory.caches[0].keys[..., examples * length : 2 * examples * length]
    np.testing.assert_allclose(got, want, atol=1e-6)
