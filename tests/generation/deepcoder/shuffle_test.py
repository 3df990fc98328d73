"""Tests of exedec_tf.generation.deepcoder.shuffle: same draws as Random.shuffle."""

import random

from exedec_tf.generation.deepcoder.shuffle import _uses_getrandbits, range_shuffler


def test_same_permutations_and_state_as_random_shuffle():
    for seed in range(100):
        rng = random.Random(seed)
        ref = random.Random(seed)
        shuffled = range_shuffler(rng)
        for n in [*range(20), 33, 64, 65, 100]:
            expected = list(range(n))
            ref.shuffle(expected)
            assert shuffled(n) == expected
            # Interleaved with other draws, as in the search.
            assert rng.random() == ref.random()
        assert rng.getstate() == ref.getstate()


class CustomRandom(random.Random):
    """A generator with its own random(): shuffle then avoids getrandbits."""

    def random(self):
        return super().random()


def test_falls_back_for_other_generators():
    assert _uses_getrandbits(random.Random(0))
    assert not _uses_getrandbits(CustomRandom(0))
    rng = CustomRandom(3)
    ref = CustomRandom(3)
    shuffled = range_shuffler(rng)
    for n in range(12):
        expected = list(range(n))
        ref.shuffle(expected)
        assert shuffled(n) == expected
    assert rng.getstate() == ref.getstate()
