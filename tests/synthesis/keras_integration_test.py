"""The loop with real (tiny, random) Keras models through the in-process adapter."""

import dataclasses

import numpy as np
import pytest

from exedec_tf.models import create_model
from exedec_tf.models.paper_configs import paper_config
from exedec_tf.synthesis.loop import run_exedec
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.records import Problem
from tests.models.tiny import randomise_weights
from tests.synthesis import cases

decoding = pytest.importorskip("exedec_tf.decoding")

TINY = dict(
    emb_dim=16,
    qkv_dim=16,
    mlp_dim=32,
    num_heads=2,
    num_layers=1,
    dropout_rate=0.0,
    attention_dropout_rate=0.0,
)


def _searcher(domain, model_type, seed, num_examples, length, decode_length):
    model = create_model(model_type, paper_config(domain, model_type, **TINY))
    randomise_weights(model, np.random.default_rng(seed))
    # Favour EOS a little so that predictions end inside the buffer.
    bias = model.decoder.logit_dense.bias
    bias.assign(bias.numpy() + 3.0 * np.eye(bias.shape[0])[2])
    settings = decoding.SearchSettings.for_model(
        model,
        num_examples=num_examples,
        spec_length=length,
        max_decode_length=decode_length,
        jit_compile=False,
    )
    return decoding.NumpyBeamSearch.for_model(model, settings)


def _rf_problems():
    words = [
        ("ab", "cd", "ef", "gh"),
        ("x y", "zz", "q", "r s t"),
        ("A1", "b2", "C3", "d4"),
    ]
    return [
        Problem(w, tuple(s.upper() + "." for s in w), index=i)
        for i, w in enumerate(words)
    ] + [dataclasses.replace(cases.RF_PROBLEM, index=3)]


def _assert_same(one, many):
    """Equal results; scores to float32 rounding.

    The loop itself is batch-independent (tests/synthesis/loop_test.py proves
    it exactly), but CPU kernels may round differently for another batch
    size, so scores can differ in the last bits.
    """
    for a, b in zip(one, many, strict=True):
        strip = lambda r: dataclasses.replace(  # noqa: E731
            r, time_s=0.0, beam=tuple(dataclasses.replace(s, score=0) for s in r.beam)
        )
        assert strip(a) == strip(b)
        np.testing.assert_allclose(
            [s.score for s in a.beam], [s.score for s in b.beam], rtol=1e-5
        )


def test_robustfill_separate_runs_and_batching_is_exact():
    spec = _searcher("robustfill", "spec_decomposer_model", 1, 4, 16, 10)
    synth = _searcher("robustfill", "synthesizer_model", 2, 4, 16, 8)
    # Random models predict malformed subgoals; without detect_invalid those
    # are repaired, so every problem runs all 20 steps with real beams.
    options = LoopOptions(
        beam_size=3, detect_invalid=False, discard_repeat_functionality=False
    )
    problems = _rf_problems()[:3]
    one = run_exedec(problems, cases.RF, synth, spec, options, batch_size=1)
    many = run_exedec(problems, cases.RF, synth, spec, options, batch_size=3)
    _assert_same(one, many)
    for result in one:
        assert result.num_steps == 20
        assert len(result.beam) == 3
        scores = [s.score for s in result.beam]
        # Sums of 40 log-probabilities, ascending, never penalised.
        assert scores == sorted(scores) and -1e4 < scores[0] < scores[-1] < 0


def test_deepcoder_joint_runs_and_batching_is_exact():
    joint = _searcher("deepcoder", "joint_model", 3, 3, 40, 8)
    problems = [dataclasses.replace(cases.DC_PROBLEM, index=i) for i in range(2)] + [
        Problem(("x0 = 1", "x0 = 2", "x0 = 3"), ("[ 1 ]", "[ 2 ]", "[ 3 ]"), index=2)
    ]
    options = LoopOptions(prediction_type="joint", beam_size=2)
    one = run_exedec(problems, cases.DC, joint, None, options, batch_size=1)
    many = run_exedec(problems, cases.DC, joint, None, options, batch_size=3)
    _assert_same(one, many)
    assert all(r.num_steps <= 9 for r in one)
