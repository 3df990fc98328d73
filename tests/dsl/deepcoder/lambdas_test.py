"""Tests for exedec_tf.dsl.deepcoder.lambdas."""

import pytest

from exedec_tf.dsl.deepcoder.lambdas import (
    LAMBDAS,
    LAMBDAS_ONLY_MINUS_MIN,
    NAME_TO_LAMBDA,
    TOKEN_TO_LAMBDA,
    LambdaType,
)

EXPECTED = [
    ("(+1)", "PLUS_ONE", 1, int, "x + 1"),
    ("(-1)", "MINUS_ONE", 1, int, "x - 1"),
    ("(*2)", "TIMES_TWO", 1, int, "x * 2"),
    ("(/2)", "DIV_TWO", 1, int, "x // 2"),
    ("(*(-1))", "NEGATE", 1, int, "-x"),
    ("(**2)", "SQUARE", 1, int, "x ** 2"),
    ("(*3)", "TIMES_THREE", 1, int, "x * 3"),
    ("(/3)", "DIV_THREE", 1, int, "x // 3"),
    ("(*4)", "TIMES_FOUR", 1, int, "x * 4"),
    ("(/4)", "DIV_FOUR", 1, int, "x // 4"),
    ("(>0)", "IS_POSITIVE", 1, bool, "x > 0"),
    ("(<0)", "IS_NEGATIVE", 1, bool, "x < 0"),
    ("(%2==0)", "IS_EVEN", 1, bool, "x % 2 == 0"),
    ("(%2==1)", "IS_ODD", 1, bool, "x % 2 == 1"),
    ("(+)", "ADD", 2, int, "x + y"),
    ("(-)", "SUBTRACT", 2, int, "x - y"),
    ("(*)", "MULTIPLY", 2, int, "x * y"),
    ("(min)", "MIN", 2, int, "min(x, y)"),
    ("(max)", "MAX", 2, int, "max(x, y)"),
]


def test_table_order_and_attributes():
    actual = [
        (lam.token, lam.name, lam.arity, lam.result_type, lam.python_expr)
        for lam in LAMBDAS
    ]
    assert actual == EXPECTED
    for lam in LAMBDAS:
        assert lam.arg_types == (int,) * lam.arity
        assert lam.type == LambdaType(lam.arg_types, lam.result_type)
        assert TOKEN_TO_LAMBDA[lam.token] is lam
        assert NAME_TO_LAMBDA[lam.name] is lam


def test_only_minus_min_group():
    assert [lam.token for lam in LAMBDAS_ONLY_MINUS_MIN] == ["(-)", "(min)"]


@pytest.mark.parametrize(
    ("token", "args", "expected"),
    [
        ("(+1)", (4,), 5),
        ("(-1)", (4,), 3),
        ("(*2)", (-4,), -8),
        ("(/2)", (-3,), -2),  # Floor division.
        ("(/2)", (7,), 3),
        ("(*(-1))", (4,), -4),
        ("(**2)", (-7,), 49),
        ("(*3)", (5,), 15),
        ("(/3)", (-5,), -2),
        ("(/3)", (-6,), -2),
        ("(*4)", (5,), 20),
        ("(/4)", (-1,), -1),
        ("(>0)", (0,), False),
        ("(>0)", (1,), True),
        ("(<0)", (-1,), True),
        ("(%2==0)", (-4,), True),
        ("(%2==0)", (3,), False),
        ("(%2==1)", (-3,), True),  # Python modulo is non-negative.
        ("(+)", (2, 3), 5),
        ("(-)", (2, 3), -1),  # First argument minus second.
        ("(*)", (-2, 3), -6),
        ("(min)", (2, -3), -3),
        ("(max)", (2, -3), 2),
        ("(**2)", (1000,), 1000000),  # No range limit inside a lambda.
    ],
)
def test_semantics(token, args, expected):
    result = TOKEN_TO_LAMBDA[token].func(*args)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize("lam", LAMBDAS, ids=lambda lam: lam.name)
def test_python_expr_matches_func(lam):
    for x in range(-60, 61):
        for y in range(-7, 8) if lam.arity == 2 else [None]:
            args = (x,) if lam.arity == 1 else (x, y)
            expected = lam.func(*args)
            assert eval(lam.python_expr, {"x": x, "y": y}) == expected
