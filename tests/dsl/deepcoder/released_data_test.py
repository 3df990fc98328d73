"""Whole-data tests: every released DeepCoder problem is reproduced exactly.

Covers all 6000 problems of `test_data/deepcoder/*.jsonl` and every problem
(test problem and few-shot examples) of `llm_data_sample/deepcoder/*.jsonl`.
"""

import json

import pytest

from exedec_tf.dsl.deepcoder.evaluation import run_program_on_strings
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.python_exec import run_python_program
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.trace import execution_trace
from exedec_tf.dsl.deepcoder.values import format_value, parse_value
from exedec_tf.dsl.deepcoder.vocabulary import (
    ids_to_program,
    ids_to_spec_str,
    program_to_ids,
    spec_str_to_ids,
)

EXPERIMENTS = [
    "NONE",
    "LENGTH_GENERALIZATION",
    "COMPOSE_DIFFERENT_CONCEPTS",
    "SWITCH_CONCEPT_ORDER",
    "COMPOSE_NEW_OP",
    "ADD_OP_FUNCTIONALITY",
]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def check_test_data_row(row):
    """Checks one test_data problem; returns a list of failure descriptions."""
    failures = []
    text = row["program"]
    program = Program.from_str(text)
    if str(program) != text:
        failures.append(f"program round trip: {program}")
    states = [ProgramState.from_str(s) for s in row["inputs"]]
    for state, state_text in zip(states, row["inputs"], strict=True):
        if str(state) != state_text:
            failures.append(f"state round trip: {state}")
        if state.variables != list(program.input_variables):
            failures.append(f"state variables {state.variables}")
    outputs = [program.run_output(s.values) for s in states]
    outputs = [None if o is None else format_value(o) for o in outputs]
    if outputs != row["outputs"]:
        failures.append(f"run: {outputs}")

    decoded = ids_to_program(program_to_ids(text))
    if run_program_on_strings(decoded, row["inputs"]) != row["outputs"]:
        failures.append("ids_to_program + run_program_on_strings")
    for spec in row["inputs"] + row["outputs"]:
        if ids_to_spec_str(spec_str_to_ids(spec)) != spec:
            failures.append(f"spec ids round trip: {spec}")

    trace = execution_trace(program, [s.values for s in states])
    if trace is None or list(trace[-1].next_part) != row["outputs"]:
        failures.append("trace outputs")

    inputs = {
        variable: [s.values[i] for s in states]
        for i, variable in enumerate(program.input_variables)
    }
    expected = [parse_value(o) for o in row["outputs"]]
    for version in (1, 4):
        code = program.to_python_program(version=version)
        if run_python_program(code, inputs) != expected:
            failures.append(f"python version {version}")
    return failures


@pytest.mark.parametrize("experiment", EXPERIMENTS)
def test_released_test_data(shared_data, experiment):
    rows = read_jsonl(shared_data / "test_data" / "deepcoder" / f"{experiment}.jsonl")
    assert len(rows) == 1000
    failures = {}
    for row in rows:
        row_failures = check_test_data_row(row)
        if row_failures:
            failures[row["index"]] = row_failures
    assert not failures, dict(list(failures.items())[:5])


def check_llm_problem(problem):
    """Checks one LLM-data problem; returns a list of failure descriptions."""
    failures = []
    program = Program.from_str(problem["program"])
    if str(program) != problem["program"]:
        failures.append("program round trip")
    inputs = problem["inputs"]
    if list(inputs) != list(program.input_variables):
        failures.append(f"input names {list(inputs)}")
    outputs = [
        program.run_output([inputs[v][i] for v in program.input_variables])
        for i in range(len(problem["outputs"]))
    ]
    if outputs != problem["outputs"]:
        failures.append(f"run: {outputs}")
    for version in (1, 4):
        code = program.to_python_program(version=version)
        if run_python_program(code, inputs) != problem["outputs"]:
            failures.append(f"python version {version}")
    return failures


@pytest.mark.parametrize("experiment", EXPERIMENTS)
def test_released_llm_data_sample(shared_data, experiment):
    path = shared_data / "llm_data_sample" / "deepcoder" / f"{experiment}.jsonl"
    rows = read_jsonl(path)
    assert rows
    failures = {}
    for row in rows:
        assert len(row["few_shot_examples"]) == 4
        for k, problem in enumerate([row["test_problem"]] + row["few_shot_examples"]):
            problem_failures = check_llm_problem(problem)
            if problem_failures:
                failures[(row["index"], k)] = problem_failures
    assert not failures, dict(list(failures.items())[:5])
