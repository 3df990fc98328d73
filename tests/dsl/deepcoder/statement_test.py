"""Tests for exedec_tf.dsl.deepcoder.statement."""

import pytest

from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import TOKEN_TO_LAMBDA
from exedec_tf.dsl.deepcoder.operations import TOKEN_TO_OPERATION
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.statement import Statement
from exedec_tf.dsl.errors import InternalError, ParseError, RunError


@pytest.mark.parametrize(
    "text",
    [
        "x2 = Map (+1) x0",
        "x5 = ZipWith (-) x3 x1",
        "x4 = Take x1 x2",
        "x1 = Scanl1 (min) x0",
        "x9 = Access x01 x1",
        "x1 = Map (>0) x0",  # Types are not checked.
        "x1 = Scanl1 (+1) x0",
        "x1 = Head x0",
    ],
)
def test_round_trip(text):
    statement = Statement.from_str(text)
    assert str(statement) == text
    assert statement.tokenize() == text.split(" ")
    assert Statement.from_tokens(text.split(" ")) == statement


def test_parsed_fields():
    statement = Statement.from_str("x5 = ZipWith (-) x3 x1")
    assert statement.variable == "x5"
    assert statement.operation is TOKEN_TO_OPERATION["ZipWith"]
    assert statement.args == (TOKEN_TO_LAMBDA["(-)"], "x3", "x1")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "too few tokens"),
        ("x1 = Head", "too few tokens"),
        ("y1 = Head x0", "'y1'"),
        ("x10 = Head x0", "out-of-bounds"),
        ("x1 : Head x0", "second token must be '='"),
        ("x1 = Foo x0", "unknown operation 'Foo'"),
        ("x1 = INPUT x0", "unknown operation 'INPUT'"),
        ("x1 = Head (+1)", r"unexpected lambda '\(\+1\)' at argument 0 of Head"),
        ("x1 = Take x0 (+1)", "unexpected lambda"),
        ("x1 = Map (+1) (+1)", "unexpected lambda '.*' at argument 1 of Map"),
        ("x1 = Map x0 x2", "expected a lambda as argument 0 of Map, got 'x0'"),
        ("x1 = Head x1", "left-hand side 'x1' cannot be used"),
        ("x1 = ZipWith (+) x0 x1", "left-hand side 'x1'"),
        ("x1 = Head y0", "'y0'"),
        ("x1 = Head x10", "out-of-bounds"),
        ("x1 = Head x0 x2", "Head takes 1 arguments, got 2"),
        ("x1 = Map (+1)", "Map takes 2 arguments, got 1"),
        ("x1 = Map (+1) x0 x2", "Map takes 2 arguments, got 3"),
        ("x1 = ZipWith (+) x0", "ZipWith takes 3 arguments, got 2"),
        ("x1 =  Head x0", "unknown operation ''"),  # Empty token.
        ("x1 = Head  x0", "''"),
        ("x1 = Head x0 ", "''"),
    ],
)
def test_parse_errors(text, message):
    with pytest.raises(ParseError, match=message):
        Statement.from_str(text)


def test_unchecked_variable_name():
    statement = Statement.from_str("output = Map (+1) x0", check_variable_name=False)
    assert statement.variable == "output"
    state = ProgramState([[1, 2]], ["x0"])
    new_state = statement.run(state)
    assert new_state.get_output() == [2, 3]
    assert new_state.get_output_variable() == "output"
    with pytest.raises(ParseError):
        Statement.from_str("output = Map (+1) x0")
    # Arguments are still checked.
    with pytest.raises(ParseError):
        Statement.from_str("output = Map (+1) y0", check_variable_name=False)


def test_run_appends_to_a_copy():
    state = ProgramState([[3, 1, 2], 2], ["x0", "x1"])
    new_state = Statement.from_str("x2 = Take x1 x0").run(state)
    assert new_state == ProgramState([[3, 1, 2], 2, [3, 1]], ["x0", "x1", "x2"])
    assert len(state) == 2


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("x2 = Head x0", [[], 1], None),
        ("x2 = Access x1 x0", [[1, 2], 2], None),
        ("x2 = Map (*4) x0", [[13], 1], None),
        ("x2 = Map (>0) x0", [[1], 1], None),
        ("x2 = Map (>0) x0", [[], 1], []),
        ("x2 = Map (+) x0", [[], 1], []),
        ("x2 = Scanl1 (+1) x0", [[5], 1], [5]),
        ("x2 = Filter (+1) x0", [[1, -1, 0], 1], [1, 0]),
        ("x2 = Count (*2) x0", [[1, 0, 3], 1], 2),
        ("x2 = Access x1 x1", [[], -1], None),
    ],
)
def test_run_results(text, values, expected):
    state = ProgramState(values, ["x0", "x1"])
    new_state = Statement.from_str(text).run(state)
    if expected is None:
        assert new_state is None
    else:
        assert new_state.get_output() == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x1 = Head x0", "'x1', which the state already has"),
        ("x2 = Head x5", "'x5' is not defined"),
        ("x2 = Head x1", "TypeError"),
        ("x2 = Take x0 x0", "TypeError"),
        ("x2 = Map (+) x0", "TypeError"),
        ("x2 = ZipWith (+1) x0 x0", "TypeError"),
        ("x2 = Scanl1 (>0) x0", "TypeError"),
    ],
)
def test_run_errors(text, message):
    state = ProgramState([[5, 6], 1], ["x0", "x1"])
    with pytest.raises(RunError, match=message):
        Statement.from_str(text).run(state)


def test_run_uses_config():
    config = DeepCoderConfig(max_int=100)
    state = ProgramState([[10]], ["x0"])
    assert Statement.from_str("x1 = Map (**2) x0").run(state) is None
    statement = Statement.from_str("x1 = Map (**2) x0", config=config)
    assert statement.config is config
    assert statement.run(state).get_output() == [100]


def test_malformed_argument_is_an_internal_error():
    statement = Statement("x1", TOKEN_TO_OPERATION["Head"], [3])
    with pytest.raises(InternalError, match="unhandled argument 3"):
        statement.run(ProgramState([[1]], ["x0"]))
    with pytest.raises(InternalError):
        str(statement)


def test_equality_and_hash():
    a = Statement.from_str("x2 = Map (+1) x0")
    b = Statement.from_str("x2 = Map (+1) x0")
    assert a == b and hash(a) == hash(b)
    assert a != Statement.from_str("x2 = Map (-1) x0")
    assert a != Statement.from_str(
        "x2 = Map (+1) x0", config=DeepCoderConfig(max_int=9)
    )
