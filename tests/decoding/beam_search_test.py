"""Tests of the model-agnostic beam search: golden vectors and hand cases."""

import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.decoding.beam_search import (
    NEG_INF,
    beam_search,
    brevity_penalty,
    gather_slots,
    standard_init,
    top_slots_ascending,
)

# The toy decoder of inference.md Appendix A: V = 6, T = 5, BOS 1, EOS 2.
_A = np.array(
    [
        [0.0, -9.0, 0.2, 0.5, 0.1, 0.1],
        [0.0, -9.0, -1.0, 1.0, 0.7, 0.7],
        [0.0, -9.0, 2.0, 0.0, 0.0, 0.0],
        [-0.5, -9.0, 0.3, 0.2, 0.9, 0.4],
        [-0.5, -9.0, 1.2, 0.6, -0.2, 0.3],
        [-0.5, -9.0, -0.4, 0.8, 0.5, 0.6],
    ],
    np.float32,
)
_P = np.array(
    [
        [0, 0, 0.0, 0.0, 0.0, 0.0],
        [0, 0, 0.1, 0.0, 0.0, 0.0],
        [0, 0, 0.3, -0.1, 0.0, 0.1],
        [0, 0, -0.2, 0.2, 0.1, 0.0],
        [0, 0, 0.5, 0.0, 0.0, 0.0],
    ],
    np.float32,
)
_C = np.array([0.0, 0.0, -0.5, 0.3, 0.0, 0.4], np.float32)
_T = 5


def toy_logits_fn(encoding):
    """`logits[b,j,v] = A[tok, v] + P[pos, v] + c * C[v]`, with c the
    encoding of the hypothesis's origin slot (float32 `[B, K]`)."""
    encoding = tf.convert_to_tensor(encoding, tf.float32)

    def logits_fn(seqs, position, origin, cache):
        token = seqs[:, :, position]  # [B, K]
        c = gather_slots(encoding, origin)  # [B, K]
        logits = (
            tf.gather(_A, token)
            + tf.gather(_P, position)[None, None, :]
            + c[:, :, None] * _C[None, None, :]
        )
        return logits, cache

    return logits_fn


def _run(encoding, scores, finished, alpha=0.0, jit=False):
    fn = tf.function(
        lambda e, s, f: beam_search(
            toy_logits_fn(e), s, f, _T, alpha=alpha, bos_token=1, eos_token=2
        ),
        jit_compile=jit,
    )
    result = fn(
        np.asarray(encoding, np.float32),
        np.asarray(scores, np.float32),
        np.asarray(finished, bool),
    )
    return [np.asarray(x) for x in result]


def _standard(cs, beam, alpha=0.0, jit=False):
    encoding = np.repeat(np.asarray(cs, np.float32)[:, None], beam, axis=1)
    scores, finished = standard_init(len(cs), beam)
    return _run(encoding, scores, finished, alpha, jit)


GOLDEN_STANDARD = {
    "S1": (
        [0.0, 1.0],
        3,
        0.0,
        [
            [[3, 4, 2, 0], [3, 2, 0, 0], [4, 2, 0, 0]],
            [[3, 5, 3, 2], [2, 0, 0, 0], [3, 4, 2, 0]],
        ],
        [[-2.8800035, -2.6775017, -2.2057955], [-5.5262980, -3.7935915, -3.3046649]],
    ),
    "S2": (
        [0.0, 1.0],
        3,
        0.6,
        [
            [[3, 2, 0, 0], [3, 4, 2, 0], [4, 2, 0, 0]],
            [[3, 5, 3, 2], [2, 0, 0, 0], [3, 4, 2, 0]],
        ],
        [[-2.4409657, -2.4234262, -2.0109310], [-4.0674763, -3.7935915, -2.7807643]],
    ),
    "S3": (
        [0.0, 1.0],
        1,
        0.0,
        [[[3, 2, 0, 0]], [[3, 4, 2, 0]]],
        [[-2.6775017], [-3.3046649]],
    ),
    "S4": (
        [10.0],
        2,
        0.0,
        [[[5, 5, 5, 5], [5, 5, 5, 5]]],
        [[-2.8679593, -2.3626909]],
    ),
}


@pytest.mark.parametrize("jit", [False, True])
@pytest.mark.parametrize("case", sorted(GOLDEN_STANDARD))
def test_golden_standard_init(case, jit):
    cs, beam, alpha, seqs, scores = GOLDEN_STANDARD[case]
    got_seqs, got_scores, got_origin = _standard(cs, beam, alpha, jit)
    np.testing.assert_array_equal(got_seqs, seqs)
    np.testing.assert_allclose(got_scores, scores, atol=1e-5)
    assert got_seqs.dtype == np.int32 and got_origin.dtype == np.int32
    assert got_scores.dtype == np.float32


GOLDEN_END_TO_END = {
    "E1": (
        [0.0, 0.0, 0.0, 0.0],
        [0.0, -1e7, -1e7, -1e7],
        [False, True, True, True],
        [[2, 0, 0, 0], [3, 4, 2, 0], [3, 2, 0, 0], [4, 2, 0, 0]],
        [-3.0935650, -2.8800035, -2.6775017, -2.2057955],
        [0, 0, 0, 0],
    ),
    "E2": (
        [1.0, -1.0, 0.5, -0.5],
        [-20000003.0, -2.5, -0.75, -1.25],
        [True, False, True, False],
        [[2, 0, 0, 0], [3, 2, 0, 0], [4, 2, 0, 0], [0, 0, 0, 0]],
        [-4.0115123, -3.7431302, -3.1874380, -0.75],
        [3, 3, 3, 2],
    ),
    "E3": (
        [1.0, -1.0, 0.5, 2.0],
        [-20000003.0, -2.5, -0.75, -1.25],
        [True, False, True, False],
        [[3, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
        [-10000002.0, -10000000.0, -10000000.0, -0.75],
        [3, 1, 3, 2],
    ),
}


@pytest.mark.parametrize("jit", [False, True])
@pytest.mark.parametrize("case", sorted(GOLDEN_END_TO_END))
def test_golden_end_to_end_init(case, jit):
    cs, scores, finished, seqs, want_scores, origin = GOLDEN_END_TO_END[case]
    got_seqs, got_scores, got_origin = _run([cs], [scores], [finished], jit=jit)
    np.testing.assert_array_equal(got_seqs, [seqs])
    np.testing.assert_allclose(got_scores, [want_scores], atol=1e-5)
    np.testing.assert_array_equal(got_origin, [origin])


def _table_logits_fn(table):
    """Logits from a table indexed by (position, last token): `[T, V, V]`."""
    table = tf.convert_to_tensor(table, tf.float32)

    def logits_fn(seqs, position, origin, cache):
        token = seqs[:, :, position]
        return tf.gather(table[position], token), cache

    return logits_fn


def _probs_to_logits(probs):
    return np.log(np.maximum(np.asarray(probs, np.float64), 1e-30)).astype(np.float32)


def test_early_finish_stops_the_loop_and_keeps_scores():
    # V = 4 (0 PAD, 1 BOS, 2 EOS, 3 a). From BOS: P(EOS) = 0.6, P(a) = 0.4.
    # After a: P(EOS) = 0.5, P(a) = 0.5. K = 1, T = 6.
    t, v = 6, 4
    probs = np.full((t, v, v), 1e-9)
    probs[:, :, 2] = 0.5
    probs[:, :, 3] = 0.5
    probs[0, 1] = [1e-9, 1e-9, 0.6, 0.4]
    calls = []

    def counting(seqs, position, origin, cache):
        calls.append(1)
        return _table_logits_fn(_probs_to_logits(probs))(seqs, position, origin, cache)

    scores, finished = standard_init(1, 1)
    seqs, got, origin = beam_search(counting, scores, finished, t)
    np.testing.assert_array_equal(seqs, [[[2, 0, 0, 0, 0]]])
    np.testing.assert_allclose(got, [[np.log(0.6)]], atol=1e-6)
    # Eager mode: one call, then the live score log(0.4) < log(0.6) stops it.
    assert len(calls) == 1


def test_hand_computed_two_beams():
    # V = 4, T = 4, K = 2. From BOS: a 0.5, EOS 0.3, PAD 0.2.
    # After a: EOS 0.9, a 0.1. After PAD: EOS 0.2, PAD 0.8.
    t, v = 4, 4
    probs = np.full((t, v, v), 1e-12)
    probs[:, 1] = [0.2, 1e-12, 0.3, 0.5]
    probs[:, 3] = [1e-12, 1e-12, 0.9, 0.1]
    probs[:, 0] = [0.8, 1e-12, 0.2, 1e-12]
    scores, finished = standard_init(1, 2)
    seqs, got, origin = beam_search(
        _table_logits_fn(_probs_to_logits(probs)), scores, finished, t
    )
    # Finished: [EOS] 0.3 and [a EOS] 0.45; best last.
    np.testing.assert_array_equal(seqs, [[[2, 0, 0], [3, 2, 0]]])
    np.testing.assert_allclose(got, [np.log([0.3, 0.45])], atol=1e-6)
    np.testing.assert_array_equal(origin, [[0, 0]])


def test_exact_tie_goes_to_lower_token_then_reversal():
    # Two tokens with identical probability: top-k takes the lower id first,
    # so after the reversal the live set is [4, 3]. Both then end with
    # certainty; [4 EOS] has the lower flat index (parent slot 0), is taken
    # first, and after the second reversal sits in slot 0.
    t, v = 3, 5
    probs = np.full((t, v, v), 1e-9)
    probs[:, :, 2] = 1e-9
    probs[0, 1] = [1e-9, 1e-9, 1e-9, 0.5, 0.5]
    probs[1, 3] = [1e-9, 1e-9, 1.0, 1e-9, 1e-9]
    probs[1, 4] = [1e-9, 1e-9, 1.0, 1e-9, 1e-9]
    scores, finished = standard_init(1, 2)
    seqs, got, _ = beam_search(
        _table_logits_fn(_probs_to_logits(probs)), scores, finished, t
    )
    np.testing.assert_array_equal(seqs, [[[3, 2], [4, 2]]])
    assert got[0, 0] == got[0, 1]


def test_max_length_without_eos_falls_back_to_live_and_clamps():
    # EOS is never likely: after T + 1 iterations the live set is returned,
    # and the last two iterations overwrite position T - 1.
    t, v = 3, 4
    probs = np.full((t, v, v), 1e-9)
    probs[:, :, 3] = 1.0
    probs[:, 3, 0] = 1.0  # after 'a' (3) comes PAD (0)...
    probs[:, 3, 3] = 1e-9
    probs[:, 0, 3] = 1.0  # ... and after PAD comes 'a' again
    probs[:, 0, 0] = 1e-9
    calls = []

    def counting(seqs, position, origin, cache):
        calls.append(int(position))
        return _table_logits_fn(_probs_to_logits(probs))(seqs, position, origin, cache)

    scores, finished = standard_init(1, 1)
    seqs, got, _ = beam_search(counting, scores, finished, t)
    # i=0 reads 0 (BOS) writes a at 1; i=1 reads 1 (a) writes PAD at 2;
    # i=2 reads 2 (PAD) writes a at 2; i=3 reads 2 (a) writes PAD at 2.
    assert calls == [0, 1, 2, 2]
    np.testing.assert_array_equal(seqs, [[[3, 0]]])
    np.testing.assert_allclose(got, [[0.0]], atol=1e-5)


def test_eos_in_clamped_iteration_scores_with_long_brevity():
    # The first EOS is possible only at the clamped final iteration i = T.
    t, v = 3, 4
    probs = np.full((t, v, v), 1e-9)
    probs[:, :, 3] = 1.0
    probs[2, 3] = [1e-9, 1e-9, 0.5, 0.5]  # reading 'a' at position T - 1
    scores, finished = standard_init(1, 1)
    logits = _probs_to_logits(probs)
    seqs, got, _ = beam_search(_table_logits_fn(logits), scores, finished, t, alpha=0.6)
    # i = 2 reads 'a' at 2 and EOS (0.5) overwrites position 2; the brevity
    # penalty uses length i + 1 = 3.
    np.testing.assert_array_equal(seqs, [[[3, 2]]])
    expected = np.float32(np.log(0.5)) / np.float32(((5 + 3) / 6) ** 0.6)
    np.testing.assert_allclose(got, [[expected]], atol=1e-6)


def test_helpers():
    x = tf.constant([[10, 11, 12], [20, 21, 22]])
    np.testing.assert_array_equal(
        gather_slots(x, tf.constant([[2, 0], [1, 1]])), [[12, 10], [21, 21]]
    )
    np.testing.assert_array_equal(
        top_slots_ascending(tf.constant([[1.0, 3.0, 3.0, 0.0]]), 3), [[0, 2, 1]]
    )
    assert float(brevity_penalty(7, 0.0)) == 1.0
    np.testing.assert_allclose(float(brevity_penalty(7, 0.6)), 2.0**0.6, rtol=1e-6)
    scores, finished = standard_init(2, 3)
    np.testing.assert_array_equal(scores, [[0, NEG_INF, NEG_INF]] * 2)
    assert not np.any(finished)


def test_rejects_short_buffer():
    scores, finished = standard_init(1, 1)
    with pytest.raises(ValueError, match="max_decode_length must be >= 2, got 1"):
        beam_search(_table_logits_fn(np.zeros((1, 3, 3))), scores, finished, 1)
