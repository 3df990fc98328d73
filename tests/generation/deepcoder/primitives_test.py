"""Tests of exedec_tf.generation.deepcoder.primitives: columns == DSL semantics."""

import random

import pytest

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS
from exedec_tf.dsl.deepcoder.operations import OPERATIONS
from exedec_tf.generation.deepcoder import primitives as P


def random_value(rng, value_type, max_int):
    if value_type is int:
        # Ints reach Take/Drop/Access; include negative and large indices.
        return (
            rng.randint(-8, 8) if rng.random() < 0.8 else rng.randint(-max_int, max_int)
        )
    length = rng.randint(0, 6)
    small = rng.random() < 0.5
    bound = 4 if small else max_int
    return [rng.randint(-bound, bound) for _ in range(length)]


def dsl_result(prim, args, config):
    """The DSL's result of the primitive on one example's argument values."""
    call = ([prim.lam.func] if prim.lam is not None else []) + list(args)
    return prim.operation.run(call, config)


def test_table_is_every_well_typed_operation_and_lambda_in_order():
    prims = P.primitives(DEFAULT_CONFIG)
    expected = []
    for op in OPERATIONS:
        if op.is_higher_order:
            expected += [(op, lam) for lam in LAMBDAS if lam.type == op.arg_types[0]]
        else:
            expected.append((op, None))
    assert [(p.operation, p.lam) for p in prims] == expected
    assert len(prims) == 38
    assert [p.index for p in prims] == list(range(38))
    assert P.primitives(DEFAULT_CONFIG) is prims  # Built once.


def test_features():
    prims = {
        (p.operation.token, p.lam.token if p.lam else None): p.features
        for p in P.primitives(DEFAULT_CONFIG)
    }
    assert prims[("Head", None)] == P.FEATURE_FIRST_ORDER_AND_MAP
    assert prims[("Map", "(+1)")] == P.FEATURE_FIRST_ORDER_AND_MAP
    assert prims[("Filter", "(>0)")] == P.FEATURE_HIGHER_ORDER_NO_MAP
    assert prims[("Scanl1", "(-)")] == P.FEATURE_HIGHER_ORDER_NO_MAP | P.FEATURE_SCANL1
    for lam in ("(+)", "(*)", "(max)"):
        assert prims[("Scanl1", lam)] == (
            P.FEATURE_HIGHER_ORDER_NO_MAP | P.FEATURE_SCANL1 | P.FEATURE_SCANL1_NEW
        )
    assert prims[("ZipWith", "(+)")] == P.FEATURE_HIGHER_ORDER_NO_MAP


@pytest.mark.parametrize("max_int", [50, 10])
def test_columns_agree_with_dsl_operations(max_int):
    config = DeepCoderConfig(max_int=max_int)
    rng = random.Random(max_int)
    for prim in P.primitives(config):
        for _ in range(600):
            num_examples = rng.randint(1, 4)
            examples = [
                [random_value(rng, t, max_int) for t in prim.arg_types]
                for _ in range(num_examples)
            ]
            expected = [dsl_result(prim, args, config) for args in examples]
            columns = [P.to_column(c) for c in zip(*examples, strict=True)]
            got = prim.apply(*columns)
            if any(e is None for e in expected):
                assert got is None, (prim, examples)
            else:
                assert got == P.to_column(expected), (prim, examples)


def test_column_conversions():
    assert P.to_column([3, [1, 2], []]) == (3, (1, 2), ())
    assert P.from_column((3, (1, 2), ())) == [3, [1, 2], []]
