"""Tests for exedec_tf.dsl.deepcoder.trace."""

import pytest

from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.trace import TraceStep, execution_trace
from exedec_tf.dsl.deepcoder.values import format_value
from exedec_tf.dsl.errors import RunError

PROGRAM = "x0 = INPUT | x1 = INPUT | x2 = Reverse x1 | x3 = ZipWith (+) x0 x2"


def test_trace_strings():
    program = Program.from_str(PROGRAM)
    trace = execution_trace(program, [[[1, 2], [3, 4]], [[], [5]]])
    assert trace == [
        TraceStep(
            statement=program.statements[0],
            inputs=("x0 = [ 1 2 ] | x1 = [ 3 4 ]", "x0 = [ ] | x1 = [ 5 ]"),
            next_part=("[ 4 3 ]", "[ 5 ]"),
            program_part="x2 = Reverse x1",
        ),
        TraceStep(
            statement=program.statements[1],
            inputs=(
                "x0 = [ 1 2 ] | x1 = [ 3 4 ] | x2 = [ 4 3 ]",
                "x0 = [ ] | x1 = [ 5 ] | x2 = [ 5 ]",
            ),
            next_part=("[ 5 5 ]", "[ ]"),
            program_part="x3 = ZipWith (+) x0 x2",
        ),
    ]


def statement_by_statement(program, example_inputs):
    """The trace as the spec defines it, via Statement.run on states."""
    states = [
        ProgramState(inputs, program.input_variables) for inputs in example_inputs
    ]
    steps = []
    for statement in program.statements:
        inputs = tuple(str(state) for state in states)
        states = [statement.run(state) for state in states]
        next_part = tuple(format_value(state.get_output()) for state in states)
        steps.append(TraceStep(statement, inputs, next_part, str(statement)))
    return steps


@pytest.mark.parametrize(
    ("text", "example_inputs"),
    [
        (
            "x0 = INPUT | x1 = Scanl1 (-) x0 | x2 = Map (*(-1)) x1 | "
            "x3 = Filter (>0) x2",
            [[[]], [[1, 0, 6, 9, 1]], [[3, 7, 1, 4]]],
        ),
        (
            "x3 = INPUT | x5 = INPUT | x1 = Take x5 x3 | x0 = Sum x1",
            [[[1, 2, 3], 2], [[4], 0]],
        ),
    ],
)
def test_matches_statement_by_statement_definition(text, example_inputs):
    program = Program.from_str(text)
    trace = execution_trace(program, example_inputs)
    assert trace == statement_by_statement(program, example_inputs)
    final = [program.run_output(inputs) for inputs in example_inputs]
    assert list(trace[-1].next_part) == [format_value(v) for v in final]


def test_failure_on_any_example_gives_none():
    program = Program.from_str("x0 = INPUT | x1 = Head x0 | x2 = Take x1 x0")
    assert execution_trace(program, [[[1, 2]]]) is not None
    assert execution_trace(program, [[[1, 2]], [[]]]) is None


def test_run_error_propagates():
    program = Program.from_str("x0 = INPUT | x1 = Head x0")
    with pytest.raises(RunError):
        execution_trace(program, [[[1]], [5]])


def test_no_statements():
    assert execution_trace(Program.from_str("x0 = INPUT"), [[[1]]]) == []
