"""Shared helpers of the LLM harness tests: the spec's golden files and data rows."""

import pathlib

import pytest

from exedec_tf.data.released import read_llm_file
from exedec_tf.llm import problem as problem_lib
from tests.conftest import shared_data_dir


def examples_dir() -> pathlib.Path:
    """The spec's `llm_prompt_examples/` folder (skips the test if absent)."""
    path = shared_data_dir().parent / "spec" / "llm_prompt_examples"
    if not path.is_dir():
        pytest.skip(f"prompt examples not found at {path}")
    return path


def llm_data_dir() -> pathlib.Path:
    """The released `llm_data` sample (10 rows per file)."""
    return shared_data_dir() / "llm_data_sample"


def load_row(domain: str, experiment: str, index: int, version: int):
    """(few-shot Problems, test Problem) of one row of the llm data sample."""
    row = read_llm_file(llm_data_dir() / domain / f"{experiment}.jsonl")[index]
    shots = [
        problem_lib.from_llm_problem(s, domain, version) for s in row.few_shot_examples
    ]
    test = problem_lib.from_llm_problem(row.test_problem, domain, version)
    return shots, test
