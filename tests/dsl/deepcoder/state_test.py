"""Tests for exedec_tf.dsl.deepcoder.state."""

import pytest

from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.errors import InternalError, ParseError, RunError


def test_accessors():
    state = ProgramState([2, [6, 7]], ["x4", "x2"])
    assert len(state) == 2
    assert state.values == [2, [6, 7]]
    assert state.state == [2, [6, 7]]
    assert state.variables == ["x4", "x2"]
    assert state.get_index(0) == 2
    assert state.get_index(1) == [6, 7]
    assert state.get_variable("x2") == [6, 7]
    assert state.get_output() == [6, 7]
    assert state.get_output_variable() == "x2"
    assert state.tokenize() == ["x4", "=", "2", "|", "x2", "=", "[", "6", "7", "]"]
    assert str(state) == "x4 = 2 | x2 = [ 6 7 ]"


@pytest.mark.parametrize("index", [-1, 2, 100])
def test_get_index_out_of_range(index):
    state = ProgramState([2, [6, 7]], ["x4", "x2"])
    with pytest.raises(RunError, match=str(index)):
        state.get_index(index)


def test_get_unknown_variable():
    state = ProgramState([2, [6, 7]], ["x4", "x2"])
    with pytest.raises(RunError, match="'x0'"):
        state.get_variable("x0")


def test_copy_and_add_result():
    state = ProgramState([2, [6, 7]], ["x4", "x2"])
    copy = state.copy()
    assert copy == state
    assert copy is not state
    copy.add_result(0, "x1")
    assert len(copy) == 3
    assert len(state) == 2
    assert copy.get_output() == 0
    assert copy.get_output_variable() == "x1"
    assert copy != state
    with pytest.raises(RunError, match="'x4'"):
        copy.add_result(5, "x4")


def test_equality_needs_same_order():
    assert ProgramState([1, 2], ["x0", "x1"]) == ProgramState([1, 2], ["x0", "x1"])
    assert ProgramState([1, 2], ["x0", "x1"]) != ProgramState([2, 1], ["x1", "x0"])
    assert ProgramState([1], ["x0"]) != "x0 = 1"


def test_constructor_copies_and_checks_lengths():
    values = [1]
    state = ProgramState(values, ["x0"])
    values.append(2)
    assert state.values == [1]
    with pytest.raises(InternalError, match="2 values but 1 variables"):
        ProgramState([1, 2], ["x0"])


def test_empty_state():
    state = ProgramState([], [])
    assert len(state) == 0
    assert state.tokenize() == []
    assert str(state) == ""


@pytest.mark.parametrize(
    ("text", "values", "variables"),
    [
        ("x0 = [ 3 1 2 ] | x1 = [ 4 2 3 ] | x2 = 9", [[3, 1, 2], [4, 2, 3], 9], None),
        ("x3 = 2 | x5 = [6 7]", [2, [6, 7]], ["x3", "x5"]),
        ("x0=[1   2]|x1 = -3", [[1, 2], -3], ["x0", "x1"]),
        ("  x0 =\t[ ]  ", [[]], ["x0"]),
        ("x0 = [ 1, 2 ]", [[1, 2]], ["x0"]),
        ("x01 = 5 | x1 = 6", [5, 6], ["x01", "x1"]),  # Distinct names.
        ("x0 = -50 | x1 = [ 50 -50 ]", [-50, [50, -50]], ["x0", "x1"]),
    ],
)
def test_from_str(text, values, variables):
    state = ProgramState.from_str(text)
    assert state.values == values
    if variables is not None:
        assert state.variables == variables


def test_printing_is_canonical():
    assert str(ProgramState.from_str("x3 = 2 | x5 = [6 7]")) == "x3 = 2 | x5 = [ 6 7 ]"
    assert str(ProgramState.from_str("x0=[1   2]|x1 = -3")) == "x0 = [ 1 2 ] | x1 = -3"


@pytest.mark.parametrize(
    "text",
    ["x0 = [ 3 1 2 ] | x1 = [ 4 2 3 ] | x2 = 9", "x0 = [ ] | x1 = [ 0 ]", "x0 = 1"],
)
def test_round_trip(text):
    assert str(ProgramState.from_str(text)) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "exactly one '='"),
        ("x0 : 3", "exactly one '='"),
        ("x0 == 3", "exactly one '='"),
        ("x0 = 1 = 2", "exactly one '='"),
        ("x0 = 1 |", "exactly one '='"),
        ("x0 = 1 || x1 = 2", "exactly one '='"),
        ("y0 = 3", "'y0'"),
        ("x0 x1 = 3", "'x0 x1'"),
        ("x10 = 3", "out-of-bounds"),
        ("x0 = 3 | x0 = 4", "duplicate variable 'x0'"),
        ("x0 = None", "invalid value None"),
        ("x0 = 51", "invalid value 51"),
        ("x0 = [ 1 -51 ]", "invalid value"),
        ("x0 = True", "invalid value True"),
        ("x0 = 1 2", r"invalid value \(1, 2\)"),
        ("x0 = 1.5", "invalid value 1.5"),
        ("x0 = 01", "'01'"),
        ("x0 = [ [ 1 ] ]", "invalid value"),
        ("x0 = foo", "'foo'"),
    ],
)
def test_from_str_errors(text, message):
    with pytest.raises(ParseError, match=message):
        ProgramState.from_str(text)


def test_from_str_uses_config():
    config = DeepCoderConfig(max_int=100, num_variables=2)
    assert ProgramState.from_str("x1 = [ 99 ]", config).values == [[99]]
    with pytest.raises(ParseError, match="out-of-bounds"):
        ProgramState.from_str("x2 = 1", config)
    with pytest.raises(ParseError, match="101"):
        ProgramState.from_str("x0 = 101", config)


def test_from_tokens():
    state = ProgramState.from_tokens(["x0", "=", "[", "3", "]", "|", "x1", "=", "4"])
    assert state.values == [[3], 4]
    assert state.variables == ["x0", "x1"]
