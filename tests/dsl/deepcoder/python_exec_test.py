"""Tests for exedec_tf.dsl.deepcoder.python_exec."""

import random

import pytest

from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS
from exedec_tf.dsl.deepcoder.operations import OPERATIONS
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.python_exec import (
    dsl_namespace,
    dsl_program_to_python,
    run_python_program,
)

SPEC_EXAMPLE = "x0 = INPUT | x1 = Map (+1) x0 | x2 = Scanl1 (+) x1"


def test_namespace_holds_raw_functions():
    dsl = dsl_namespace()
    for lam in LAMBDAS:
        assert getattr(dsl, lam.name) is lam.func
    for operation in OPERATIONS:
        assert getattr(dsl, operation.token) is operation.func
    assert len(vars(dsl)) == 34
    # No validation: out-of-range and empty-list results come back as is.
    assert dsl.Head([]) is None
    assert dsl.Map(dsl.SQUARE, [20]) == [400]


def test_dsl_program_to_python():
    program = Program.from_str(SPEC_EXAMPLE)
    assert dsl_program_to_python(SPEC_EXAMPLE) == program.to_python_program(version=1)
    assert dsl_program_to_python(SPEC_EXAMPLE, pythonic=True) == (
        program.to_python_program(version=4)
    )


@pytest.mark.parametrize("pythonic", [False, True])
def test_run_python_program(pythonic):
    code = dsl_program_to_python(SPEC_EXAMPLE, pythonic=pythonic)
    inputs = {"x0": [[1, 2, 3], [], [-5]]}
    assert run_python_program(code, inputs) == [[2, 5, 9], [], [-4]]


def test_arguments_follow_dict_order():
    code = "def program(a, b):\n  return a - b"
    assert run_python_program(code, {"a": [5, 1], "b": [2, 2]}) == [3, -1]
    assert run_python_program(code, {"b": [2, 2], "a": [5, 1]}) == [-3, 1]


def test_program_name():
    code = "def f(x0):\n  return x0"
    assert run_python_program(code, {"x0": [1]}, program_name="f") == [1]
    # Calling an undefined function fails per example.
    assert run_python_program(code, {"x0": [1, 2]}) == [None, None]


@pytest.mark.parametrize(
    "code", ["def program(x0):\n return (", "raise ValueError('no')", "1 / 0"]
)
def test_failure_to_define_gives_none(code):
    assert run_python_program(code, {"x0": [[1]]}) is None


def test_per_example_failures_give_none():
    # Pythonic Head of an empty list raises; the DSL would give None too.
    code = dsl_program_to_python("x0 = INPUT | x1 = Head x0", pythonic=True)
    assert run_python_program(code, {"x0": [[4], [], [7, 8]]}) == [4, None, 7]


def test_outputs_are_not_validated():
    square = dsl_program_to_python("x0 = INPUT | x1 = Map (**2) x0")
    assert run_python_program(square, {"x0": [[20]]}) == [[400]]
    access = dsl_program_to_python(
        "x0 = INPUT | x1 = INPUT | x2 = Access x0 x1", pythonic=True
    )
    # Python indexing accepts -1, the DSL does not.
    assert run_python_program(access, {"x0": [-1], "x1": [[3, 4]]}) == [4]
    program = Program.from_str("x0 = INPUT | x1 = INPUT | x2 = Access x0 x1")
    assert program.run_output([-1, [3, 4]]) is None


def test_function_globals_persist_across_examples():
    # Each example gets a copy of the namespace for its call, but the function
    # keeps the globals it was defined in, as in the original.
    code = "n = 0\ndef program(x0):\n  global n\n  n += 1\n  return n"
    assert run_python_program(code, {"x0": [1, 2]}) == [1, 2]


@pytest.mark.parametrize(
    ("inputs", "message"),
    [({}, "at least one input"), ({"x0": [1, 2], "x1": [1]}, "different numbers")],
)
def test_bad_inputs_raise_value_error(inputs, message):
    with pytest.raises(ValueError, match=message):
        run_python_program("def program(x0):\n  return x0", inputs)


PROGRAMS = [
    SPEC_EXAMPLE,
    "x0 = INPUT | x1 = INPUT | x2 = Take x0 x1 | x3 = Drop x0 x1 | "
    "x4 = ZipWith (*) x2 x3 | x5 = Sum x4",
    "x0 = INPUT | x1 = Reverse x0 | x2 = Sort x1 | x3 = Map (*(-1)) x2 | "
    "x4 = Filter (%2==0) x3 | x5 = Count (<0) x4 | x6 = ZipWith (-) x3 x1 | "
    "x7 = Scanl1 (min) x6",
    "x0 = INPUT | x1 = Map (/3) x0 | x2 = Scanl1 (-) x1 | x3 = Maximum x2",
    "x0 = INPUT | x1 = INPUT | x2 = Access x0 x1 | x3 = Last x1 | x4 = Minimum x1",
]


@pytest.mark.parametrize("text", PROGRAMS)
@pytest.mark.parametrize("version", [1, 2, 3, 4, 5])
def test_every_version_reproduces_the_dsl(text, version):
    program = Program.from_str(text)
    rng = random.Random(f"{text}-{version}")
    for _ in range(30):
        values = {}
        for variable in program.input_variables:
            if variable == "x0" and program.num_inputs == 2:
                values[variable] = [rng.randint(0, 4) for _ in range(3)]
            else:
                values[variable] = [
                    [rng.randint(-9, 9) for _ in range(rng.randint(1, 5))]
                    for _ in range(3)
                ]
        expected = [
            program.run_output([values[v][i] for v in program.input_variables])
            for i in range(3)
        ]
        if None in expected:
            continue
        code = program.to_python_program(version=version)
        assert run_python_program(code, values) == expected
