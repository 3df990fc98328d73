"""Draws must return what the stdlib methods return and consume the same state."""

import random

import pytest

from exedec_tf.generation.robustfill.draws import Draws


def _pair(seed: int):
    expected = random.Random(seed)
    actual = random.Random(seed)
    return expected, actual, Draws(actual)


@pytest.mark.parametrize("seed", range(20))
def test_randint_choice_random_match_stdlib(seed):
    expected, actual, draws = _pair(seed)
    sequences = ["ab", "abc", tuple(range(21)), list(range(83)), "x", range(64)]
    for i in range(300):
        a = i % 7 - 3
        b = a + i % 13  # includes one-value ranges, which still draw a bit
        assert draws.randint(a, b) == expected.randint(a, b)
        seq = sequences[i % len(sequences)]
        assert draws.choice(seq) == expected.choice(seq)
        assert draws.below(i % 50 + 1) == expected._randbelow(i % 50 + 1)
        assert draws.random() == expected.random()
    assert actual.getstate() == expected.getstate()


@pytest.mark.parametrize("seed", range(20))
def test_shuffle_and_sample_match_stdlib(seed):
    expected, actual, draws = _pair(seed)
    for n in [0, 1, 2, 4, 5, 21, 22, 30, 100, 1000]:
        mine, theirs = list(range(n)), list(range(n))
        draws.shuffle(mine)
        expected.shuffle(theirs)
        assert mine == theirs
        letters = "abcdefghijklmnopqrstuvwxyz"[: min(n, 26)]
        for k in sorted({0, 1, n // 2, 5, 6, n}):
            # Covers both of the stdlib's algorithms (pool and set).
            if k <= n:
                assert draws.sample(range(n), k) == expected.sample(range(n), k)
            if k <= len(letters):
                assert draws.sample(letters, k) == expected.sample(letters, k)
    assert actual.getstate() == expected.getstate()


def test_errors():
    draws = Draws(random.Random(0))
    with pytest.raises(ValueError, match="randint"):
        draws.randint(3, 2)
    with pytest.raises(IndexError):
        draws.choice("")
    with pytest.raises(ValueError):
        draws.below(0)
    with pytest.raises(ValueError):
        draws.sample(range(3), 4)
    with pytest.raises(TypeError):
        Draws(random.SystemRandom())
