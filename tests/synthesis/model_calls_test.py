"""Encoding problems for the models and checked beam-search calls."""

import numpy as np
import pytest

from exedec_tf.domains.loop_ops import SpecEncodingError
from exedec_tf.synthesis import model_calls
from exedec_tf.synthesis.records import Problem
from tests.synthesis import cases


def test_encode_problem_has_no_eos_and_names_bad_strings():
    inputs, outputs = model_calls.encode_problem(cases.RF_OPS, cases.RF_PROBLEM, 4, 6)
    assert inputs.shape == outputs.shape == (4, 6)
    assert 2 not in inputs.tolist()[0]
    long = Problem(("ab", "cd", "ef", "x" * 7), ("A", "B", "C", "D"), index=9)
    with pytest.raises(SpecEncodingError, match="problem 9, example 3 input"):
        model_calls.encode_problem(cases.RF_OPS, long, 4, 6)
    bad = Problem(("ab", "cd", "ef", "g"), ("A", "B", "C", "é"), index=2)
    with pytest.raises(SpecEncodingError, match="example 3 output.*'é'"):
        model_calls.encode_problem(cases.RF_OPS, bad, 4, 6)


def test_check_models_requires_equal_shapes():
    spec, synth = cases.rf_models()
    assert model_calls.check_models([synth, spec]) == (4, 24)
    spec.num_examples = 3
    with pytest.raises(model_calls.ModelMismatchError, match="num_examples"):
        model_calls.check_models([synth, spec])


def test_call_beam_search_casts_and_checks():
    _, synth = cases.rf_models()
    inputs = np.zeros([2, 3, 4, 24], np.int64)
    seqs, scores, origin = model_calls.call_beam_search(
        synth,
        inputs,
        inputs,
        np.zeros([2, 3], np.float64),
        np.ones([2, 3], np.int64),
    )
    assert seqs.dtype == np.int32 and seqs.shape == (2, 3, 11)
    assert scores.dtype == np.float32 and origin.shape == (2, 3)


def test_padding_to_a_constant_batch_changes_nothing():
    spec, _ = cases.rf_models()
    inputs, outputs = model_calls.encode_problem(cases.RF_OPS, cases.RF_PROBLEM, 4, 24)
    tile = lambda x: np.repeat(x[None, None], 2, axis=1)  # noqa: E731
    scores = np.array([[0.0, -1e7]], np.float32)
    finished = np.array([[False, True]])
    plain = model_calls.call_beam_search(
        spec, tile(inputs), tile(outputs), scores, finished
    )
    padded = model_calls.call_beam_search(
        spec, tile(inputs), tile(outputs), scores, finished, pad_to=4
    )
    for a, b in zip(plain, padded, strict=True):
        np.testing.assert_array_equal(a, b)
    assert [b for b, _ in spec.calls] == [1, 4]
    # The padding items are entirely finished: nothing is looked up for them.
    assert spec.calls[0][1] == spec.calls[1][1]
