"""Tests for exedec_tf.dsl.deepcoder.operations."""

import pytest

from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import TOKEN_TO_LAMBDA, LambdaType
from exedec_tf.dsl.deepcoder.operations import (
    FIRST_ORDER_AND_MAP,
    FIRST_ORDER_OPERATIONS,
    HIGHER_ORDER_NO_MAP,
    HIGHER_ORDER_OPERATIONS,
    OPERATIONS,
    OPERATIONS_NO_SCAN,
    OPERATIONS_ONLY_SCAN,
    TOKEN_TO_OPERATION,
    FirstOrderOperation,
    HigherOrderOperation,
)
from exedec_tf.dsl.errors import RunError

FIRST = ["Head", "Last", "Take", "Drop", "Access", "Minimum", "Maximum"]
FIRST += ["Reverse", "Sort", "Sum"]
HIGHER = ["Map", "Filter", "Count", "ZipWith", "Scanl1"]


def tokens(ops):
    return [op.token for op in ops]


def lam(token):
    return TOKEN_TO_LAMBDA[token].func


def run(token, *args, config=None):
    if config is None:
        return TOKEN_TO_OPERATION[token].run(list(args))
    return TOKEN_TO_OPERATION[token].run(list(args), config)


def test_tables_and_groups():
    assert tokens(FIRST_ORDER_OPERATIONS) == FIRST
    assert tokens(HIGHER_ORDER_OPERATIONS) == HIGHER
    assert tokens(OPERATIONS) == FIRST + HIGHER
    assert tokens(OPERATIONS_ONLY_SCAN) == ["Scanl1"]
    assert tokens(OPERATIONS_NO_SCAN) == FIRST + HIGHER[:-1]
    assert tokens(FIRST_ORDER_AND_MAP) == FIRST + ["Map"]
    assert tokens(HIGHER_ORDER_NO_MAP) == ["Filter", "Count", "ZipWith", "Scanl1"]
    for op in OPERATIONS:
        assert TOKEN_TO_OPERATION[op.token] is op
    assert all(isinstance(op, FirstOrderOperation) for op in FIRST_ORDER_OPERATIONS)
    assert all(not op.is_higher_order for op in FIRST_ORDER_OPERATIONS)
    assert all(isinstance(op, HigherOrderOperation) for op in HIGHER_ORDER_OPERATIONS)
    assert all(op.is_higher_order for op in HIGHER_ORDER_OPERATIONS)


def test_declared_types():
    int_to_int = LambdaType((int,), int)
    int_to_bool = LambdaType((int,), bool)
    ints_to_int = LambdaType((int, int), int)
    expected = {
        "Head": ((list,), int),
        "Last": ((list,), int),
        "Take": ((int, list), list),
        "Drop": ((int, list), list),
        "Access": ((int, list), int),
        "Minimum": ((list,), int),
        "Maximum": ((list,), int),
        "Reverse": ((list,), list),
        "Sort": ((list,), list),
        "Sum": ((list,), int),
        "Map": ((int_to_int, list), list),
        "Filter": ((int_to_bool, list), list),
        "Count": ((int_to_bool, list), int),
        "ZipWith": ((ints_to_int, list, list), list),
        "Scanl1": ((ints_to_int, list), list),
    }
    for op in OPERATIONS:
        assert (op.arg_types, op.result_type) == expected[op.token]
        assert op.arity == len(op.arg_types)
    # A lambda's type can be matched against an operation's lambda argument.
    assert TOKEN_TO_LAMBDA["(>0)"].type == TOKEN_TO_OPERATION["Filter"].arg_types[0]


@pytest.mark.parametrize(
    ("token", "args", "expected"),
    [
        ("Head", ([7, 2, 3],), 7),
        ("Head", ([],), None),
        ("Last", ([7, 2, 3],), 3),
        ("Last", ([],), None),
        ("Take", (2, [3, 5, 8, 4]), [3, 5]),
        ("Take", (-3, [3, 5, 8, 4]), [3]),  # Drops the last three.
        ("Take", (9, [3, 5]), [3, 5]),
        ("Take", (-9, [3, 5]), []),
        ("Drop", (1, [6, 1, 3]), [1, 3]),
        ("Drop", (-2, [6, 1, 3]), [1, 3]),  # Keeps the last two.
        ("Drop", (5, [6, 1, 3]), []),
        ("Access", (1, [6, 1, 3]), 1),
        ("Access", (3, [6, 1, 3]), None),
        ("Access", (-1, [6, 1, 3]), None),  # No negative indices.
        ("Minimum", ([4, -2, 9],), -2),
        ("Minimum", ([],), None),
        ("Maximum", ([4, -2, 9],), 9),
        ("Maximum", ([],), None),
        ("Reverse", ([1, 2, 3],), [3, 2, 1]),
        ("Reverse", ([],), []),
        ("Sort", ([3, -1, 2],), [-1, 2, 3]),
        ("Sort", ([],), []),
        ("Sum", ([3, -1, 2],), 4),
        ("Sum", ([],), 0),
        ("Sum", ([30, 21],), None),  # Out of range.
        ("Sum", ([30, 21, -40],), 11),  # Only the final sum is checked.
        ("Map", (lam("(+1)"), [7, 2, 3]), [8, 3, 4]),
        ("Map", (lam("(**2)"), [20]), None),
        ("Map", (lam("(>0)"), [1, -1]), None),  # Booleans are not values.
        ("Map", (lam("(>0)"), []), []),
        ("Filter", (lam("(>0)"), [1, -1, 0, 5]), [1, 5]),
        ("Filter", (lam("(+1)"), [1, -1, 0]), [1, 0]),  # Int truthiness.
        ("Count", (lam("(%2==1)"), [1, -1, 0, 5]), 3),
        ("Count", (lam("(*2)"), [1, 0, 3]), 2),
        ("Count", (lam("(>0)"), [1] * 51), None),  # Count 51 is out of range.
        ("ZipWith", (lam("(+)"), [1, 2, 3], [10, 20]), [11, 22]),
        ("ZipWith", (lam("(-)"), [1, 2], [10, 20]), [-9, -18]),
        ("ZipWith", (lam("(*)"), [10], [6]), None),
        ("Scanl1", (lam("(+)"), [1, 2, 3]), [1, 3, 6]),
        ("Scanl1", (lam("(-)"), [1, 2, 3]), [1, -1, -4]),  # Accumulator first.
        ("Scanl1", (lam("(max)"), [1, 3, 2]), [1, 3, 3]),
        ("Scanl1", (lam("(+)"), []), []),
        ("Scanl1", (lam("(*)"), [8, 8, 1]), None),  # 64 is out of range...
        ("Scanl1", (lam("(*)"), [8, 8, 0]), None),  # ...even in the middle.
    ],
)
def test_run_semantics(token, args, expected):
    assert run(token, *args) == expected


@pytest.mark.parametrize(
    ("token", "args", "expected"),
    [
        # Ill-typed calls that never reach the failing operation succeed.
        ("Map", (lam("(+)"), []), []),
        ("Scanl1", (lam("(+1)"), [5]), [5]),
        ("Filter", (lam("(-)"), []), []),
        ("ZipWith", (lam("(+1)"), [], [1]), []),
        ("Access", (-1, 5), None),  # `0 <= n` fails before len(xs).
    ],
)
def test_lazy_ill_typed_calls_succeed(token, args, expected):
    assert run(token, *args) == expected


@pytest.mark.parametrize(
    ("token", "args"),
    [
        ("Head", (5,)),
        ("Last", (5,)),
        ("Take", ([1], [1, 2])),
        ("Take", (1, 5)),
        ("Drop", ([1], [1, 2])),
        ("Drop", (1, 5)),
        ("Access", ([1], [1, 2])),
        ("Access", (0, 5)),
        ("Minimum", (5,)),
        ("Maximum", (5,)),
        ("Reverse", (5,)),
        ("Sort", (5,)),
        ("Sum", (5,)),
        ("Map", (lam("(+)"), [1])),
        ("Map", (lam("(+1)"), 5)),
        ("Filter", (lam("(>0)"), 5)),
        ("Count", (lam("(>0)"), 5)),
        ("ZipWith", (lam("(+1)"), [1], [2])),
        ("ZipWith", (lam("(+)"), 5, [])),
        ("Scanl1", (lam("(+1)"), [5, 6])),
        ("Scanl1", (lam("(>0)"), [5, 6])),
        ("Scanl1", (lam("(+)"), 5)),
    ],
)
def test_type_errors_become_run_errors(token, args):
    with pytest.raises(RunError, match=token):
        run(token, *args)


def test_wrong_arity_is_a_run_error():
    with pytest.raises(RunError, match="Head got 2 arguments but expects 1"):
        run("Head", [1], [2])
    with pytest.raises(RunError, match="ZipWith"):
        run("ZipWith", lam("(+)"), [1])


def test_run_uses_config_range():
    config = DeepCoderConfig(max_int=255)
    assert run("Map", lam("(**2)"), [15], config=config) == [225]
    assert run("Sum", [200, 55], config=config) == 255
    assert run("Sum", [200, 56], config=config) is None


def test_raw_functions_do_not_validate():
    assert TOKEN_TO_OPERATION["Head"].func([]) is None
    assert TOKEN_TO_OPERATION["Map"].func(lam("(**2)"), [20]) == [400]
    assert TOKEN_TO_OPERATION["Map"].func(lam("(>0)"), [1]) == [True]
