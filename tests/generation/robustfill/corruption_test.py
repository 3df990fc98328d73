"""Corruption of next parts (splits spec §5.6)."""

import random
import string

import pytest

from exedec_tf.generation.robustfill.corruption import corrupt_next_parts, max_parts
from exedec_tf.generation.robustfill.draws import Draws
from tests.generation.robustfill import reference


def _random_step(rng: random.Random, longest: int):
    num_examples = rng.randint(1, 6)
    num_parts = rng.randint(1, 8)
    remaining = [
        [
            "".join(
                rng.choice(string.ascii_letters) for _ in range(rng.randint(1, longest))
            )
            for _ in range(num_parts)
        ]
        for _ in range(num_examples)
    ]
    next_parts = [parts[0] for parts in remaining]
    outputs = ["".join(parts) for parts in remaining]
    return next_parts, outputs, remaining


@pytest.mark.parametrize("max_length", [20, 7, 40])
def test_matches_reference_and_rng_state(max_length):
    shapes = random.Random(max_length)
    for seed in range(400):
        # Generated parts never exceed the input length limit.
        next_parts, outputs, remaining = _random_step(shapes, min(9, max_length))
        expected, actual = random.Random(seed), random.Random(seed)
        got = corrupt_next_parts(
            Draws(actual), next_parts, outputs, remaining, max_length
        )
        want = reference.corrupt(expected, next_parts, outputs, remaining, max_length)
        assert got == want
        assert actual.getstate() == expected.getstate()
        assert got != next_parts
        assert all(len(c) <= max_length for c in got)


def test_multiple_parts_uses_valid_part_counts_only():
    # Parts of lengths 5: k = 2, 3, 4 fit in 20 (k = 5 would be 25), and
    # k must stay below the 6 remaining parts.
    remaining = [["abcde"] * 6]
    cumulative = [[0, 5, 10, 15, 20, 25, 30]]
    assert max_parts(cumulative, 0, 20) == 4
    assert max_parts(cumulative, 3, 20) == 2  # 3 parts left: only k = 2
    assert max_parts(cumulative, 4, 20) == 1  # 2 parts left: none
    seen = set()
    draws = Draws(random.Random(0))
    for _ in range(300):
        result = corrupt_next_parts(draws, ["abcde"], ["abcde" * 6], remaining, 20)
        seen.add(len(result[0]))
    # Perturbations give prefixes of any length but 5; multiple_parts 10-20.
    assert {10, 15, 20} <= seen and 5 not in seen


def test_longest_example_limits_multiple_parts():
    cumulative = [[0, 1, 2, 3, 4], [0, 9, 18, 27, 36]]
    assert max_parts(cumulative, 0, 20) == 2
    assert max_parts(cumulative, 0, 17) == 1


def test_too_long_unperturbed_part_raises():
    raised = 0
    for seed in range(40):
        try:
            corrupt_next_parts(
                Draws(random.Random(seed)),
                ["a" * 30, "b"],
                ["a" * 30, "bc"],
                [["a" * 30], ["b", "c"]],
                20,
            )
        except ValueError as err:
            assert "longer than 20" in str(err)
            raised += 1
    assert raised
