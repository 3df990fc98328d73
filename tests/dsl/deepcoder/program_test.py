"""Tests for exedec_tf.dsl.deepcoder.program."""

import re

import pytest

from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.operations import TOKEN_TO_OPERATION
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.statement import Statement
from exedec_tf.dsl.errors import InternalError, ParseError, RunError

SCAN_PROGRAM = "x0 = INPUT | x1 = INPUT | x2 = Reverse x1 | x3 = ZipWith (+) x0 x2"


@pytest.mark.parametrize(
    "text",
    [
        SCAN_PROGRAM,
        "x0 = INPUT | x1 = Map (+1) x0 | x2 = Sum x1",
        "x3 = INPUT | x1 = Head x3",  # Variables need not be in order.
        "x0 = INPUT",  # No statements.
        "x1 = Head x0",  # No inputs.
        "x01 = INPUT | x1 = Head x01",  # x01 and x1 are distinct.
        "x0 = INPUT | x1 = Head x2 | x2 = Last x0",  # Forward reference.
    ],
)
def test_round_trip(text):
    program = Program.from_str(text)
    assert str(program) == text
    assert program.tokenize() == text.split(" ")
    assert Program.from_tokens(text.split(" ")) == program


def test_fields():
    program = Program.from_str(SCAN_PROGRAM)
    assert program.input_variables == ("x0", "x1")
    assert program.num_inputs == 2
    assert len(program) == 2
    assert [str(s) for s in program.statements] == [
        "x2 = Reverse x1",
        "x3 = ZipWith (+) x0 x2",
    ]
    assert program.get_variables() == ["x0", "x1", "x2", "x3"]
    assert len(Program.from_str("x0 = INPUT")) == 0


def test_trailing_separator_is_tolerated():
    program = Program.from_str("x0 = INPUT | x1 = Head x0 |")
    assert str(program) == "x0 = INPUT | x1 = Head x0"
    tokens = ["x0", "=", "INPUT", "|"]
    assert str(Program.from_tokens(tokens)) == "x0 = INPUT"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "too few tokens"),
        ("| x0 = INPUT", "empty line"),
        ("x0 = INPUT | | x1 = Head x0", "empty line"),
        ("x0 = INPUT | x1 = Head x0 | |", "empty line"),
        ("x0 = INPUT | ", "too few tokens"),  # The last line is [''].
        ("x0 = INPUT | x1 = Head x0 | x2 = INPUT", "after a statement"),
        ("x0 = = INPUT", "malformed input line"),
        ("x0 INPUT", "malformed input line"),
        ("x0 = x1 INPUT", "malformed input line"),
        ("y0 = INPUT", "'y0'"),
        ("= INPUT", "'='"),
        ("x0 = INPUT | x1 = Foo x0", "unknown operation 'Foo'"),
        ("x0 = INPUT | x1 = Head x1", "left-hand side"),
        ("x0 = INPUT  | x1 = Head x0", "unknown operation 'INPUT'"),
        ("x0 = INPUT | x1 = Head x0 ", "''"),
    ],
)
def test_parse_errors(text, message):
    with pytest.raises(ParseError, match=message):
        Program.from_str(text)


def test_parse_error_from_tokens():
    with pytest.raises(ParseError, match="empty line"):
        Program.from_tokens(["|", "x0", "=", "INPUT"])


@pytest.mark.parametrize(
    "text",
    [
        "x0 = INPUT | x1 = Head x0 | x1 = Last x0",
        "x0 = INPUT | x0 = INPUT",
        "x1 = INPUT | x0 = Head x1 | x0 = Sum x1",
    ],
)
def test_duplicate_variable_is_a_run_error(text):
    with pytest.raises(RunError, match="more than once"):
        Program.from_str(text)


def test_empty_token_list_gives_empty_program():
    program = Program.from_tokens([])
    assert len(program) == 0 and program.num_inputs == 0
    assert str(program) == ""


def test_run():
    program = Program.from_str(SCAN_PROGRAM)
    state = program.run([[1, 2, 3], [10, 20, 30]])
    assert state == ProgramState(
        [[1, 2, 3], [10, 20, 30], [30, 20, 10], [31, 22, 13]],
        ["x0", "x1", "x2", "x3"],
    )
    assert program.run_output([[1, 2, 3], [10, 20, 30]]) == [31, 22, 13]
    # A run does not modify its inputs.
    inputs = [[1], [2]]
    program.run(inputs)
    assert inputs == [[1], [2]]


def test_run_returns_none_on_invalid_result():
    program = Program.from_str("x0 = INPUT | x1 = Head x0 | x2 = Take x1 x0")
    assert program.run([[]]) is None
    assert program.run_output([[]]) is None
    assert program.run([[1, 5]]).get_output() == [1]


def test_run_without_statements_returns_inputs():
    program = Program.from_str("x0 = INPUT | x1 = INPUT")
    assert program.run([[1], 2]) == ProgramState([[1], 2], ["x0", "x1"])
    assert program.run_output([[1], 2]) == 2


@pytest.mark.parametrize("inputs", [[], [[1]], [[1], [2], [3]]])
def test_wrong_number_of_inputs(inputs):
    with pytest.raises(RunError, match=f"takes 2 inputs, got {len(inputs)}"):
        Program.from_str(SCAN_PROGRAM).run(inputs)


def test_undefined_variable_fails_only_when_reached():
    program = Program.from_str("x0 = INPUT | x1 = Head x0 | x2 = Take x5 x0")
    assert program.run([[]]) is None  # Head fails first.
    with pytest.raises(RunError, match="'x5' is not defined"):
        program.run([[1]])
    later = Program.from_str("x0 = INPUT | x1 = Head x2 | x2 = Last x0")
    with pytest.raises(RunError, match="'x2' is not defined"):
        later.run([[1]])


@pytest.mark.parametrize(
    ("text", "inputs"),
    [
        ("x0 = INPUT | x1 = Head x0", [5]),
        ("x0 = INPUT | x1 = INPUT | x2 = Take x0 x1", [[1], [2]]),
        ("x0 = INPUT | x1 = Map (+) x0", [[1]]),
        ("x0 = INPUT | x1 = Scanl1 (>0) x0", [[1, 2]]),
        ("x0 = INPUT | x1 = Sum x0 | x2 = Reverse x1", [[1]]),
    ],
)
def test_type_errors_are_run_errors_naming_the_statement(text, inputs):
    program = Program.from_str(text)
    statement = str(program.statements[-1])
    with pytest.raises(RunError, match=re.escape(statement)):
        program.run(inputs)


def test_lazy_ill_typed_programs():
    assert Program.from_str("x0 = INPUT | x1 = Map (+) x0").run_output([[]]) == []
    assert Program.from_str("x0 = INPUT | x1 = Scanl1 (+1) x0").run_output([[5]]) == [5]
    assert Program.from_str("x0 = INPUT | x1 = Map (>0) x0").run_output([[5]]) is None
    assert Program.from_str("x0 = INPUT | x1 = Filter (+1) x0").run_output(
        [[1, -1, 0]]
    ) == [1, 0]


def test_inputs_are_not_validated():
    # An out-of-range input is accepted; only results are checked.
    program = Program.from_str("x0 = INPUT | x1 = INPUT | x2 = Head x1")
    assert program.run([[100], [3]]).values == [[100], [3], 3]
    assert Program.from_str("x0 = INPUT | x1 = Reverse x0").run([[100]]) is None
    assert (
        Program.from_str("x0 = INPUT | x1 = Head x0").run([[1, 100]]).get_output() == 1
    )
    assert Program.from_str("x0 = INPUT | x1 = Head x0").run([[True]]) is None
    # A bool index works like Python's (True == 1), as in the original.
    access = Program.from_str("x0 = INPUT | x1 = INPUT | x2 = Access x0 x1")
    assert access.run_output([True, [5, 6]]) == 6
    assert Program.from_str("x0 = INPUT").run([None]).values == [None]
    with pytest.raises(RunError):
        Program.from_str("x0 = INPUT | x1 = Head x0").run([None])
    with pytest.raises(RunError):
        Program.from_str("x0 = INPUT | x1 = Sort x0").run([[1, "a"]])


def test_config_range():
    config = DeepCoderConfig(max_int=100)
    program = Program.from_str("x0 = INPUT | x1 = Map (**2) x0", config)
    assert program.config is config
    assert program.run_output([[10]]) == [100]
    assert program.run_output([[11]]) is None
    assert Program.from_str("x0 = INPUT | x1 = Map (**2) x0").run_output([[10]]) is None


def test_statement_config_must_match():
    statement = Statement.from_str("x1 = Head x0", config=DeepCoderConfig(max_int=9))
    with pytest.raises(ValueError, match="config"):
        Program(["x0"], [statement])


def test_malformed_statement_fails_when_run():
    program = Program(["x0"], [Statement("x1", TOKEN_TO_OPERATION["Head"], [3])])
    with pytest.raises(InternalError, match="unhandled argument 3"):
        program.run([[1]])
    wrong_arity = Program(["x0"], [Statement("x1", TOKEN_TO_OPERATION["Head"], [])])
    with pytest.raises(RunError, match="Head got 0 arguments"):
        wrong_arity.run([[1]])


def test_equality_and_hash():
    a = Program.from_str(SCAN_PROGRAM)
    b = Program.from_str(SCAN_PROGRAM)
    assert a == b and hash(a) == hash(b)
    assert a != Program.from_str("x0 = INPUT | x1 = INPUT | x2 = Reverse x1")
    assert len({a, b}) == 1
