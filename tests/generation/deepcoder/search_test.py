"""Tests of exedec_tf.generation.deepcoder.search against a literal reference."""

import random

import pytest

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG
from exedec_tf.dsl.deepcoder.operations import (
    FIRST_ORDER_AND_MAP,
    HIGHER_ORDER_NO_MAP,
    OPERATIONS,
    TOKEN_TO_OPERATION,
)
from exedec_tf.generation.deepcoder.columns import ColumnTable
from exedec_tf.generation.deepcoder.inputs import new_variable, random_inputs
from exedec_tf.generation.deepcoder.primitives import (
    FEATURE_FIRST_ORDER_AND_MAP,
    FEATURE_HIGHER_ORDER_NO_MAP,
    FEATURE_SCANL1_NEW,
    from_column,
    primitives,
    to_column,
)
from exedec_tf.generation.deepcoder.search import (
    CandidateCache,
    LengthPlan,
    LengthSearch,
)
from exedec_tf.generation.deepcoder.tasks import path_to_program
from tests.generation.deepcoder.reference import reference_search

PRIMS = primitives(DEFAULT_CONFIG)
SMALL_POOL = tuple(
    TOKEN_TO_OPERATION[t] for t in ("Take", "Reverse", "Sum", "Count", "Scanl1")
)


def ops_in(program, group):
    return [s.operation in group for s in program.statements]


KEEPS = {
    0: None,
    FEATURE_FIRST_ORDER_AND_MAP | FEATURE_HIGHER_ORDER_NO_MAP: lambda p: (
        any(ops_in(p, FIRST_ORDER_AND_MAP)) and any(ops_in(p, HIGHER_ORDER_NO_MAP))
    ),
    FEATURE_SCANL1_NEW: lambda p: any(
        f"Scanl1 {t}" in str(p) for t in ("(+)", "(*)", "(max)")
    ),
}


def run_both(seed, length, plan, stop_probability, canonical, num_examples=3):
    """Runs the fast search and the reference from the same RNG state."""
    setup = random.Random(seed)
    num_inputs = setup.randint(1, 2)
    names = []
    while len(names) < num_inputs:
        names.append(new_variable(setup, names, canonical))
    inputs = random_inputs(setup, num_examples, num_inputs)

    rng = random.Random(seed + 1000)
    table = ColumnTable(PRIMS)
    ids = [table.intern(to_column(c)) for c in zip(*inputs, strict=True)]
    fast = {}
    search = LengthSearch(
        rng,
        table,
        CandidateCache(PRIMS),
        PRIMS,
        names,
        ids,
        [type(v) is list for v in inputs[0]],
        num_examples,
        canonical,
        DEFAULT_CONFIG,
        fast,
    )
    search.run(length, plan, stop_probability)
    got = [
        (
            tuple(str(v) for v in from_column(table.columns[key])),
            str(path_to_program(path, names, PRIMS, DEFAULT_CONFIG)),
        )
        for key, path in fast.items()
    ]

    ref_rng = random.Random(seed + 1000)
    if plan.split_pools is not None:
        first, second = plan.split_pools
        pool_fns = [lambda d: first if d < length // 2 else second]
    else:
        pool_fns = [lambda d, pool=pool: pool for pool in plan.pools]
    expected = {}
    reference_search(
        ref_rng,
        inputs,
        names,
        length,
        pool_fns,
        plan.restrict_scanl1,
        KEEPS[plan.keep_features],
        canonical,
        stop_probability,
        expected,
    )
    assert got == [(k, str(v)) for k, v in expected.items()]
    assert rng.getstate() == ref_rng.getstate()
    return got


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("canonical", [True, False])
def test_lengths_1_and_2_all_operations(seed, canonical):
    for length in (1, 2):
        run_both(seed, length, LengthPlan(pools=(OPERATIONS,)), 0.0, canonical)


@pytest.mark.parametrize("seed", range(4))
def test_small_pool_lengths_3_and_4_with_early_stopping(seed):
    # Depth >= 3 draws random() at internal nodes and leaves.
    plan = LengthPlan(pools=(SMALL_POOL,))
    run_both(seed, 3, plan, 0.0, seed % 2 == 0)
    run_both(seed, 3, plan, 0.5, seed % 2 == 1)
    run_both(seed, 4, plan, 0.6, seed % 2 == 0)


@pytest.mark.parametrize("seed", range(4))
def test_switch_pools_restricted_scanl1_and_keep_filters(seed):
    switch = LengthPlan(
        pools=(OPERATIONS,), split_pools=(HIGHER_ORDER_NO_MAP, FIRST_ORDER_AND_MAP)
    )
    run_both(seed, 2, switch, 0.0, False)
    run_both(seed, 3, switch, 0.7, True)
    cdc_train = LengthPlan(pools=(FIRST_ORDER_AND_MAP, HIGHER_ORDER_NO_MAP))
    run_both(seed, 2, cdc_train, 0.0, True)
    cdc_test = LengthPlan(
        pools=(OPERATIONS,),
        keep_features=FEATURE_FIRST_ORDER_AND_MAP | FEATURE_HIGHER_ORDER_NO_MAP,
    )
    run_both(seed, 2, cdc_test, 0.0, True)
    add_op_train = LengthPlan(pools=(OPERATIONS,), restrict_scanl1=True)
    run_both(seed, 2, add_op_train, 0.0, False)
    add_op_test = LengthPlan(pools=(OPERATIONS,), keep_features=FEATURE_SCANL1_NEW)
    run_both(seed, 2, add_op_test, 0.0, True)


def test_single_example_rejects_every_program():
    got = run_both(3, 1, LengthPlan(pools=(OPERATIONS,)), 0.0, True, num_examples=1)
    assert got == []


def test_programs_dict_is_shared_across_lengths_first_wins():
    plan = LengthPlan(pools=(SMALL_POOL,))
    rng = random.Random(0)
    inputs = [[[1, 2, 3]], [[4, -1]], [[0]]]
    table = ColumnTable(PRIMS)
    ids = [table.intern(to_column(c)) for c in zip(*inputs, strict=True)]
    programs = {}
    search = LengthSearch(
        rng,
        table,
        CandidateCache(PRIMS),
        PRIMS,
        ["x0"],
        ids,
        [True],
        3,
        True,
        DEFAULT_CONFIG,
        programs,
    )
    search.run(1, plan, 0.0)
    after_one = dict(programs)
    search.run(2, plan, 0.0)
    assert all(programs[k] == v for k, v in after_one.items())
    assert len(programs) > len(after_one)
    assert {len(p) for p in programs.values()} == {1, 2}


def test_bad_lengths():
    search = LengthSearch(
        random.Random(0),
        ColumnTable(PRIMS),
        CandidateCache(PRIMS),
        PRIMS,
        [],
        [],
        [],
        3,
        True,
        DEFAULT_CONFIG,
        {},
    )
    with pytest.raises(ValueError, match="length must be >= 1, got 0"):
        search.run(0, LengthPlan(pools=(OPERATIONS,)), 0.0)
    plan = LengthPlan(pools=(), split_pools=(OPERATIONS, OPERATIONS))
    with pytest.raises(ValueError, match="got 1"):
        search.run(1, plan, 0.0)
