"""Tests of `SearchModule`: its methods are the search and the signatures."""

import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.decoding.search_module import SearchModule
from exedec_tf.decoding.settings import SearchSettings
from tests.decoding.numpy_beam_search_test import random_specs, tiny_model
from tests.test_case import seeded

E, L, T = 2, 5, 6


def _module(model_type="synthesizer_model", **options):
    model = tiny_model(model_type)
    settings = SearchSettings.for_model(
        model, num_examples=E, spec_length=L, max_decode_length=T, **options
    )
    return model, SearchModule(model, settings)


def test_methods_have_the_export_signatures():
    model, module = _module(jit_compile=False)
    signatures = module.signatures()
    assert sorted(signatures) == ["beam_search", "decode_logits", "encode"]
    search = signatures["beam_search"]
    inputs = search.structured_input_signature[0][0]
    assert (inputs.name, inputs.shape.as_list()) == ("inputs", [None, None, E, L])
    assert sorted(search.structured_outputs) == ["origin", "scores", "seqs"]
    assert module.settings.max_decode_length == T
    assert module.model_config == model.config


def test_beam_search_and_encode_results():
    model, module = _module(jit_compile=False)
    inputs, outputs = random_specs(seeded(1), model.config, 1, 3)
    scores = np.array([[0.0, -1e7, -1e7]], np.float32)
    result = module.beam_search(inputs, outputs, scores, np.zeros((1, 3), bool))
    assert result["seqs"].shape == (1, 3, T - 1)
    assert result["seqs"].dtype == tf.int32 and result["origin"].dtype == tf.int32
    encoded = module.encode(inputs[0], outputs[0])
    np.testing.assert_allclose(
        encoded["encoded"], model.encode(inputs[0], outputs[0]), atol=1e-6
    )
    np.testing.assert_array_equal(encoded["mask"], outputs[0] > 0)
    programs = np.ones((3, T), np.int32)
    logits = module.decode_logits(programs, encoded["encoded"], encoded["mask"])
    want = model.decode(programs, encoded["encoded"], encoded["mask"], shift=False)
    np.testing.assert_allclose(logits["logits"], want, atol=1e-6)
    assert module.tracing_count() == 1


def test_graph_checks_name_the_input():
    model, module = _module(jit_compile=False)
    inputs, outputs = random_specs(seeded(2), model.config, 1, 2)
    bad = inputs.copy()
    bad[0, 0, 0, 0] = model.config.vocab_size
    with pytest.raises(tf.errors.InvalidArgumentError, match="inputs holds a token"):
        module.beam_search(
            bad, outputs, np.zeros((1, 2), np.float32), np.zeros((1, 2), bool)
        )


def test_settings_must_fit_the_model():
    model = tiny_model("synthesizer_model")
    other = SearchSettings(
        num_examples=E,
        spec_length=L,
        max_decode_length=T,
        spec_vocab_size=model.config.vocab_size,
        vocab_size=model.config.output_vocab_size + 1,
    )
    with pytest.raises(ValueError, match="do not fit the model"):
        SearchModule(model, other)
