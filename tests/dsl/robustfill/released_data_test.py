"""Every released RobustFill problem must round-trip and reproduce its outputs.

Covers the 6 x 1000 `test_data` problems and the `llm_data_sample` rows (test
problem plus four few-shot problems each); skipped when the data is absent.
"""

import json

import pytest

from exedec_tf.dsl import robustfill as rf
from tests.conftest import shared_data_dir

EXPERIMENTS = (
    "NONE",
    "LENGTH_GENERALIZATION",
    "COMPOSE_DIFFERENT_CONCEPTS",
    "SWITCH_CONCEPT_ORDER",
    "COMPOSE_NEW_OP",
    "ADD_OP_FUNCTIONALITY",
)


def _rows(family: str, experiment: str) -> list[dict]:
    path = shared_data_dir() / family / "robustfill" / f"{experiment}.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _check_problem(problem: dict) -> None:
    text, inputs, outputs = problem["program"], problem["inputs"], problem["outputs"]
    program = rf.parse_program_string(text)
    assert rf.program_to_string(program) == text
    ids = rf.program_string_to_ids(text)
    assert rf.encode_program(program) == ids
    assert rf.ids_to_program(ids) == program
    assert [program.run(x) for x in inputs] == outputs, text
    assert rf.run_program(program, inputs) == outputs
    code = rf.to_python(program)
    assert rf.run_python_program(code, inputs) == outputs, code
    for value in [*inputs, *outputs]:
        assert rf.decode_spec(rf.encode_spec(value)) == value


@pytest.mark.parametrize("experiment", EXPERIMENTS)
def test_released_test_data(experiment):
    rows = _rows("test_data", experiment)
    assert len(rows) == 1000
    assert [row["index"] for row in rows] == list(range(1000))
    for row in rows:
        assert len(row["inputs"]) == len(row["outputs"]) == 4
        _check_problem(row)


@pytest.mark.parametrize("experiment", EXPERIMENTS)
def test_llm_data_sample(experiment):
    rows = _rows("llm_data_sample", experiment)
    assert rows
    for row in rows:
        assert len(row["few_shot_examples"]) == 4
        for problem in [row["test_problem"], *row["few_shot_examples"]]:
            _check_problem(problem)
