"""The key/value-cached decoder gives the full re-decode's logits and beams."""

import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.decoding.cached_decoder import CachedDecoder, supports_cached_decoding
from exedec_tf.decoding.model_search import encode_slots, full_decode_logits_fn
from exedec_tf.models import create_model
from tests.decoding.numpy_beam_search_test import (
    MODEL_TYPES,
    keras_searcher,
    random_specs,
    tiny_model,
)
from tests.models.tiny import tiny_config
from tests.test_case import seeded

E, L, T = 2, 5, 8


def _buffers(rng, config, batch, beam):
    """BOS-started buffers with PADs inside, separators, and a PAD query."""
    seqs = rng.integers(3, config.output_vocab_size, (batch, beam, T))
    seqs[:, :, 0] = 1
    seqs[0, 0, 2] = 0  # a generated PAD in the middle
    seqs[0, 1, 3:5] = 0
    seqs[1, 2, T - 1] = 0  # PAD read at the last position
    if config.separator_token_id >= 0:
        seqs[0, 2, [2, 5]] = config.separator_token_id
        seqs[1, 0, 1] = config.separator_token_id
    return seqs.astype(np.int32)


@pytest.mark.parametrize("model_type", MODEL_TYPES)
def test_step_logits_equal_the_full_pass(model_type):
    rng = seeded(4)
    model = tiny_model(model_type, eos_bias=0.0)
    batch, beam = 2, 3
    inputs, outputs = random_specs(rng, model.config, batch, beam)
    encoded, mask = encode_slots(model, inputs, outputs)
    origin = tf.constant([[2, 0, 0], [1, 2, 1]], tf.int32)
    full_fn = full_decode_logits_fn(model, encoded, mask)
    step_fn, cache = CachedDecoder(model, T).logits_fn(encoded, mask)
    seqs = _buffers(rng, model.config, batch, beam)

    def check(buffer, position, cache):
        got, cache = step_fn(tf.constant(buffer), position, origin, cache)
        want, _ = full_fn(tf.constant(buffer), position, origin, ())
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=2e-5)
        return cache

    for position in range(T):
        buffer = seqs.copy()
        buffer[:, :, position + 1 :] = 0  # not written yet
        cache = check(buffer, position, cache)
    # The clamped final iterations rewrite the last position and read it
    # again; a separator there shifts every aligned position (full fallback).
    replacements = [5, model.config.separator_token_id, 7]
    for token in replacements:
        if token < 0:
            continue
        buffer = seqs.copy()
        buffer[:, :, T - 1] = token
        cache = check(buffer, T - 1, cache)


@pytest.mark.parametrize("model_type", MODEL_TYPES)
def test_cached_search_equals_full_re_decode(model_type):
    rng = seeded(5)
    model = tiny_model(model_type, eos_bias=1.0)
    inputs, outputs = random_specs(rng, model.config, 2, 4)
    scores = np.array([[0.0, -1e7, -1e7, -1e7], [-2.0, -0.5, -1.5, -3.0]], np.float32)
    finished = np.array([[False, True, True, True], [False, True, False, True]])
    results = [
        keras_searcher(model, E, L, T, cached=cached, jit_compile=False).beam_search(
            inputs, outputs, scores, finished
        )
        for cached in (False, True)
    ]
    (seqs0, scores0, origin0), (seqs1, scores1, origin1) = results
    np.testing.assert_array_equal(seqs1, seqs0)
    np.testing.assert_array_equal(origin1, origin0)
    np.testing.assert_allclose(scores1, scores0, rtol=1e-5, atol=1e-4)


def test_cached_search_under_xla_equals_eager_and_does_not_retrace():
    rng = seeded(6)
    model = tiny_model("spec_decomposer_model", eos_bias=1.0)
    inputs, outputs = random_specs(rng, model.config, 1, 3)
    scores = np.array([[0.0, -1e7, -1e7]], np.float32)
    finished = np.zeros((1, 3), bool)
    eager = keras_searcher(model, E, L, T, jit_compile=False)
    xla = keras_searcher(model, E, L, T, jit_compile=True)
    want = eager.beam_search(inputs, outputs, scores, finished)
    for _ in range(2):
        got = xla.beam_search(inputs, outputs, scores, finished)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[2], want[2])
        np.testing.assert_allclose(got[1], want[1], rtol=1e-5, atol=1e-4)
    assert xla.tracing_count() == 1


def test_sinusoidal_models_fall_back_to_the_full_pass():
    config = tiny_config("synthesizer_model", relative=False)
    model = create_model("synthesizer_model", config)
    assert not supports_cached_decoding(model)
    with pytest.raises(ValueError, match="use_relative_attention"):
        CachedDecoder(model, T)
    searcher = keras_searcher(model, E, L, T, jit_compile=False)
    inputs, outputs = random_specs(seeded(7), config, 1, 2)
    seqs, _, _ = searcher.beam_search(
        inputs, outputs, np.array([[0.0, -1e7]], np.float32), np.zeros((1, 2), bool)
    )
    assert seqs.shape == (1, 2, T - 1)
