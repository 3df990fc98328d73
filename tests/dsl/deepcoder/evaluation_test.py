"""Tests for exedec_tf.dsl.deepcoder.evaluation."""

from exedec_tf.dsl.deepcoder.evaluation import run_program_on_strings
from exedec_tf.dsl.deepcoder.program import Program


def test_outputs_are_value_strings():
    program = Program.from_str(
        "x0 = INPUT | x1 = INPUT | x2 = Scanl1 (-) x0 | x3 = Map (*(-1)) x2 | "
        "x4 = Filter (>0) x3"
    )
    inputs = [
        "x0 = [ ] | x1 = [ 0 ]",
        "x0 = [ 1 0 6 9 1 ] | x1 = [ 9 ]",
        "x0 = [ 3 7 1 4 ] | x1 = [ -3 -1 ]",
    ]
    assert run_program_on_strings(program, inputs) == [
        "[ ]",
        "[ 5 14 15 ]",
        "[ 4 5 9 ]",
    ]


def test_failures_give_none():
    program = Program.from_str("x0 = INPUT | x1 = Head x0")
    assert run_program_on_strings(
        program,
        [
            "x0 = [ 3 ]",
            "x0 = [ ]",  # Invalid result.
            "x0 = 5",  # RunError.
            "x0 = [ 1 ] | x1 = [ 2 ]",  # Wrong number of inputs.
            "x0 = [ 51 ]",  # Unparseable state.
            "",
        ],
    ) == ["3", None, None, None, None, None]


def test_variable_names_are_not_compared():
    program = Program.from_str("x0 = INPUT | x1 = Sum x0")
    assert run_program_on_strings(program, ["x7 = [ 1 2 ]"]) == ["3"]
