"""Tests of exedec_tf.generation.deepcoder.corruption (splits spec §4.10)."""

import random

import pytest

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.generation.deepcoder import corruption as C
from exedec_tf.generation.deepcoder.inputs import (
    int_range_options,
    length_range_options,
)
from tests.generation.deepcoder.scripted_rng import ScriptedRng


def test_perturb_list_draw_order_and_ranges():
    # [3, 7]: lo 3, hi 7, expansion max(5, 2) = 5 -> new numbers in [-2, 12];
    # count bound min(max(2, 1), 5) = 2.
    rng = ScriptedRng(
        [
            ("randint", (0, 2), 2),
            ("choice", (["insert", "delete", "replace"],), "replace"),
            # Replace draws the value before the index.
            ("randint", (-2, 12), 11),
            ("randint", (0, 1), 0),
            ("choice", (["insert", "delete", "replace"],), "insert"),
            # Insert draws the position before the value.
            ("randint", (0, 2), 2),
            ("randint", (-2, 12), -2),
        ]
    )
    assert C.perturb_list(rng, [3, 7]) == [11, 7, -2]
    assert rng.done()


def test_perturb_empty_list_uses_full_range_and_only_inserts():
    rng = ScriptedRng(
        [
            ("randint", (0, 2), 2),
            ("choice", (["insert"],), "insert"),
            ("randint", (0, 0), 0),
            ("randint", (-50, 50), 9),
            ("choice", (["insert", "delete", "replace"],), "delete"),
            ("randint", (0, 0), 0),
        ]
    )
    assert C.perturb_list(rng, []) == []
    assert rng.done()


def test_perturb_list_clips_and_caps():
    # lo -50, hi 50: expansion 50, clipped to [-50, 50]; 12 elements -> up
    # to min(max(2, 6), 5) = 5 changes; may exceed the max list length.
    values = list(range(-50, 51, 9))
    rng = ScriptedRng([("randint", (0, 5), 0)])
    assert C.perturb_list(rng, values) == values
    assert rng.done()


def test_int_perturbation_draws():
    int_ranges = list(int_range_options(DEFAULT_CONFIG))
    length_ranges = list(length_range_options(DEFAULT_CONFIG))
    rng = ScriptedRng(
        [
            ("choice", (list(C.TECHNIQUES),), "perturb"),
            ("randint", (1, 3), 2),
            ("randint", (1, 2), 2),
            ("shuffle", ([True, True, False],), [False, True, True]),
            # random_inputs(3, 1, types=[int]): range choices, then ints.
            ("choices", (int_ranges, 1), [(0, 4)]),
            ("choices", (length_ranges, 1), [(0, 5)]),
            ("randint", (0, 5), 4),
            ("randint", (0, 5), 4),  # Duplicate example: drawn again.
            ("randint", (0, 5), 0),
            ("randint", (0, 5), 1),
        ]
    )
    got = C.corrupt_next_part(rng, ["1", "2", "3"], ["[ ]", "[ 1 ]", "[ 2 ]"])
    assert got == ["1", "0", "1"]
    assert rng.done()


def test_retries_until_changed():
    outputs = ["[ 1 ]", "[ 2 ]"]
    rng = ScriptedRng(
        [
            # On the last step copying the outputs changes nothing: retry.
            ("choice", (list(C.TECHNIQUES),), "copy_output"),
            ("choice", (list(C.TECHNIQUES),), "new_random"),
            ("choice", ([int, list],), list),
            ("choices", (list(int_range_options(DEFAULT_CONFIG)), 1), [(0, 4)]),
            ("choices", (list(length_range_options(DEFAULT_CONFIG)), 1), [(1, 3)]),
            ("randint", (1, 3), 1),
            ("choices", (list(range(0, 5)), 1), [1]),
            ("randint", (1, 3), 2),
            ("choices", (list(range(0, 5)), 2), [3, 3]),
        ]
    )
    assert C.corrupt_next_part(rng, outputs, outputs) == ["[ 1 ]", "[ 3 3 ]"]
    assert rng.done()


def test_result_always_differs():
    for seed in range(300):
        rng = random.Random(seed)
        kind = seed % 3
        if kind == 0:
            next_part = [str(rng.randint(-50, 50)) for _ in range(3)]
        elif kind == 1:
            next_part = ["[ ]", "[ 1 2 ]", "[ -50 50 0 ]"]
        else:
            next_part = ["[ 4 ]", "[ 4 ]", "[ 4 ]"]
        outputs = next_part if seed % 2 else ["7", "8", "9"]
        got = C.corrupt_next_part(rng, next_part, outputs)
        assert got != next_part
        assert len(got) == 3


def test_rejects_mixed_types():
    with pytest.raises(ValueError, match="one type"):
        C.corrupt_next_part(random.Random(0), ["1", "[ 1 ]"], ["1", "2"])


def test_config_limits_are_used():
    config = DeepCoderConfig(max_int=10)
    for seed in range(50):
        got = C.perturb_list(random.Random(seed), [], config)
        assert all(-10 <= x <= 10 for x in got)
