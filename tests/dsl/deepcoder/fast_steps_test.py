"""Tests for exedec_tf.dsl.deepcoder.fast_steps: fast steps == full validation."""

import random

import pytest

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.fast_steps import fast_step, generic_step
from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS, TOKEN_TO_LAMBDA
from exedec_tf.dsl.deepcoder.operations import (
    FIRST_ORDER_OPERATIONS,
    HIGHER_ORDER_OPERATIONS,
    TOKEN_TO_OPERATION,
)
from exedec_tf.dsl.errors import RunError


def well_typed(operation, lam):
    return lam.type == operation.arg_types[0]


def outcome(step, values):
    try:
        return ("value", step(values))
    except (TypeError, RunError):
        # The fast path lets TypeError escape (the program turns it into a
        # RunError); the generic path raises RunError itself.
        return ("error", None)


def random_valid_value(rng, max_int):
    kind = rng.random()
    if kind < 0.3:
        return rng.randint(-max_int, max_int)
    if kind < 0.4:
        return rng.choice([-max_int, max_int, 0, -1, 1])
    length = rng.randint(0, 60) if kind > 0.95 else rng.randint(0, 6)
    edge = rng.random() < 0.2
    return [
        rng.choice([-max_int, max_int, 0]) if edge else rng.randint(-max_int, max_int)
        for _ in range(length)
    ]


def test_fast_step_exists_exactly_for_well_typed_statements():
    for operation in FIRST_ORDER_OPERATIONS:
        slots = list(range(operation.arity))
        assert fast_step(operation, None, slots, DEFAULT_CONFIG) is not None
        assert fast_step(operation, LAMBDAS[0], slots, DEFAULT_CONFIG) is None
        assert fast_step(operation, None, slots + [0], DEFAULT_CONFIG) is None
    for operation in HIGHER_ORDER_OPERATIONS:
        slots = list(range(operation.arity - 1))
        assert fast_step(operation, None, slots, DEFAULT_CONFIG) is None
        for lam in LAMBDAS:
            step = fast_step(operation, lam, slots, DEFAULT_CONFIG)
            assert (step is not None) == well_typed(operation, lam), (operation, lam)


@pytest.mark.parametrize(
    "config", [DEFAULT_CONFIG, DeepCoderConfig(max_int=5), DeepCoderConfig(max_int=0)]
)
@pytest.mark.parametrize(
    "token", [op.token for op in FIRST_ORDER_OPERATIONS + HIGHER_ORDER_OPERATIONS]
)
def test_fast_steps_agree_with_operation_run(token, config):
    rng = random.Random(f"{token}-{config.max_int}")
    operation = TOKEN_TO_OPERATION[token]
    num_values = operation.arity - (1 if operation.is_higher_order else 0)
    lambdas = [None]
    if operation.is_higher_order:
        lambdas = [lam for lam in LAMBDAS if well_typed(operation, lam)]
    for lam in lambdas:
        slots = list(range(num_values))
        fast = fast_step(operation, lam, slots, config)
        sources = [(slot, None) for slot in slots]
        if lam is not None:
            sources.insert(0, (None, lam.func))
        generic = generic_step(operation, sources, config)
        for _ in range(400):
            values = [random_valid_value(rng, config.max_int) for _ in slots]
            assert outcome(fast, values) == outcome(generic, values), (lam, values)


def test_range_preserving_lambdas_stay_in_range():
    # These fast steps skip the range check; make sure that is sound.
    config = DeepCoderConfig(max_int=7)
    edge = list(range(-7, 8))
    for token in ["(/2)", "(/3)", "(/4)", "(*(-1))"]:
        result = TOKEN_TO_OPERATION["Map"].run([TOKEN_TO_LAMBDA[token].func, edge])
        assert result is not None and all(-7 <= x <= 7 for x in result)
    for token in ["(min)", "(max)"]:
        func = TOKEN_TO_LAMBDA[token].func
        assert TOKEN_TO_OPERATION["Scanl1"].run([func, edge], config) is not None
        zipped = TOKEN_TO_OPERATION["ZipWith"].run([func, edge, edge[::-1]], config)
        assert zipped is not None


def test_generic_step_reads_slots_and_lambdas():
    map_op = TOKEN_TO_OPERATION["Map"]
    step = generic_step(
        map_op, [(None, TOKEN_TO_LAMBDA["(*2)"].func), (1, None)], DEFAULT_CONFIG
    )
    assert step([5, [1, 2]]) == [2, 4]
    assert step([5, [30]]) is None
