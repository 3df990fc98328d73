"""Tests of exedec_tf.generation.deepcoder.inputs against the spec (§4.3–§4.4)."""

import random

import pytest

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.generation.deepcoder import inputs as I


def test_range_options_for_defaults():
    assert I.int_range_options(DEFAULT_CONFIG) == ((0, 4), (0, 9), (-10, 10), (-50, 50))
    assert I.length_range_options(DEFAULT_CONFIG) == ((1, 3), (0, 5))


def test_range_options_for_other_configs():
    config = DeepCoderConfig(max_int=10, max_list_length=12)
    # (-10, 10) is not strictly inside (-10, 10): only the full range remains.
    assert I.int_range_options(config) == ((0, 4), (0, 9), (-10, 10))
    assert I.length_range_options(config) == ((1, 3), (0, 5), (0, 10), (0, 12))
    config = DeepCoderConfig(max_int=100, max_list_length=10)
    assert I.int_range_options(config) == (
        (0, 4),
        (0, 9),
        (-10, 10),
        (-50, 50),
        (-100, 100),
    )
    assert I.length_range_options(config) == ((1, 3), (0, 5), (0, 10))


def expected_inputs(rng, num_examples, types):
    """The spec's draw sequence for given types, written out call by call."""
    n = len(types)
    element = rng.choices(I.int_range_options(DEFAULT_CONFIG), k=n)
    lengths = rng.choices(I.length_range_options(DEFAULT_CONFIG), k=n)
    examples = []
    while len(examples) < num_examples:
        example = []
        for i, t in enumerate(types):
            if t is int:
                example.append(rng.randint(0, 5))
            else:
                k = rng.randint(*lengths[i])
                lo, hi = element[i]
                example.append(rng.choices(range(lo, hi + 1), k=k))
        if example not in examples:
            examples.append(example)
    return examples


@pytest.mark.parametrize("seed", range(40))
def test_random_inputs_follow_the_spec_draws(seed):
    rng = random.Random(seed)
    ref = random.Random(seed)
    num_inputs = seed % 3 + 1
    got = I.random_inputs(rng, 3, num_inputs)
    types = [list] + ref.choices([int, list], k=num_inputs - 1)
    ref.shuffle(types)
    assert got == expected_inputs(ref, 3, types)
    assert rng.getstate() == ref.getstate()


def test_random_inputs_with_types_and_properties():
    rng = random.Random(5)
    ref = random.Random(5)
    got = I.random_inputs(rng, 4, 2, types=[int, int])
    assert got == expected_inputs(ref, 4, [int, int])
    assert rng.getstate() == ref.getstate()
    for seed in range(200):
        examples = I.random_inputs(random.Random(seed), 3, 2)
        assert len(examples) == 3
        assert all(examples[i] != examples[j] for i in range(3) for j in range(i))
        kinds = [type(v) for v in examples[0]]
        assert list in kinds
        for example in examples:
            assert [type(v) for v in example] == kinds
            for v in example:
                if type(v) is int:
                    assert 0 <= v <= 5
                else:
                    assert len(v) <= 5 and all(-50 <= x <= 50 for x in v)


def test_single_input_is_a_list_and_draws_no_types():
    rng = random.Random(1)
    ref = random.Random(1)
    got = I.random_inputs(rng, 2, 1)
    assert got == expected_inputs(ref, 2, [list])


def test_random_inputs_rejects_wrong_number_of_types():
    with pytest.raises(ValueError, match="2 types for 3 inputs"):
        I.random_inputs(random.Random(0), 3, 3, types=[int, list])


def test_new_variable_ordered():
    rng = random.Random(0)
    state = rng.getstate()
    assert I.new_variable(rng, [], True) == "x0"
    assert I.new_variable(rng, ["x0", "x2"], True) == "x1"
    assert I.new_variable(rng, ["x1", "x0"], True) == "x2"
    assert rng.getstate() == state  # No randomness.


def test_new_variable_unordered_is_a_choice_among_sorted_free_names():
    for seed in range(20):
        rng = random.Random(seed)
        ref = random.Random(seed)
        existing = ["x3", "x0"]
        free = ["x1", "x2", "x4", "x5", "x6", "x7", "x8", "x9"]
        assert I.new_variable(rng, existing, False) == ref.choice(free)
        assert rng.getstate() == ref.getstate()


def test_new_variable_unordered_sorts_as_strings():
    config = DeepCoderConfig(num_variables=12)
    rng = random.Random(3)
    ref = random.Random(3)
    free = sorted(f"x{i}" for i in range(12))  # x0 x1 x10 x11 x2 ...
    assert I.new_variable(rng, [], False, config) == ref.choice(free)


@pytest.mark.parametrize("ordered", [True, False])
def test_new_variable_when_all_taken(ordered):
    names = [f"x{i}" for i in range(10)]
    with pytest.raises(ValueError, match="taken"):
        I.new_variable(random.Random(0), names, ordered)
