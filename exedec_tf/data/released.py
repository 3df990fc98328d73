"""Typed readers for the released ExeDec problem files (JSON Lines).

Two families exist, each with one file per domain and experiment:

* `test_data/<domain>/<EXPERIMENT>.jsonl`: 1000 problems with `index`,
  `inputs`, `outputs` and `program`, all in the released string encodings.
* `llm_data/<domain>/<EXPERIMENT>.jsonl`: 200 rows with `index`,
  `test_problem` and four `few_shot_examples`; DeepCoder inputs there are a dict
  from input name to per-example Python values.

The readers take the family directory explicitly (the one holding the
`deepcoder/` and `robustfill/` folders) and never download anything.
"""

import dataclasses
import json
import pathlib
from collections.abc import Iterator
from typing import Any

from exedec_tf import domains
from exedec_tf.errors import ExeDecError
from exedec_tf.experiments import parse_experiment

DOMAINS = domains.names()


class ReleasedDataError(ExeDecError, ValueError):
    """A released data file is missing or a row does not have the expected form."""


@dataclasses.dataclass(frozen=True)
class TestProblem:
    """One row of a `test_data` file; every field is in the released encoding."""

    __test__ = False  # Not a pytest test class despite the name.

    index: int
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    program: str


@dataclasses.dataclass(frozen=True)
class LLMProblem:
    """One problem of an `llm_data` row (the test problem or a few-shot example).

    DeepCoder `inputs` map each input name to its per-example values and
    `outputs` are Python values; RobustFill ones are lists of strings.
    """

    inputs: Any
    outputs: tuple[Any, ...]
    program: str


@dataclasses.dataclass(frozen=True)
class LLMRow:
    """One row of an `llm_data` file: a test problem and its few-shot examples."""

    index: int
    test_problem: LLMProblem
    few_shot_examples: tuple[LLMProblem, ...]


def released_file(family_dir, domain: str, experiment) -> pathlib.Path:
    """Returns the path of one released file, checking domain and experiment names."""
    if domain not in DOMAINS:
        raise ValueError(f"unknown domain {domain!r}; expected one of {DOMAINS}")
    exp = parse_experiment(experiment)
    return _as_path(family_dir) / domain / f"{exp.name}.jsonl"


def _iter_json_lines(path) -> Iterator[tuple[int, dict]]:
    if not path.is_file():
        raise ReleasedDataError(f"released data file not found: {path}")
    with path.open(encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise ReleasedDataError(
                    f"{path}:{line_no}: not valid JSON ({e})"
                ) from e
            if not isinstance(row, dict):
                raise ReleasedDataError(f"{path}:{line_no}: expected a JSON object")
            yield line_no, row


def _require(row: dict, keys, where: str) -> None:
    missing = [k for k in keys if k not in row]
    if missing:
        raise ReleasedDataError(f"{where}: missing key(s) {missing}")


def _string_list(value, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ReleasedDataError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _as_path(path):
    # epath/GCS-style paths (from TFDS download managers) keep their own type.
    return (
        path
        if hasattr(path, "open") and hasattr(path, "is_file")
        else pathlib.Path(path)
    )


def read_test_file(path) -> list[TestProblem]:
    """Reads one `test_data` file into TestProblem records."""
    path = _as_path(path)
    problems = []
    for line_no, row in _iter_json_lines(path):
        where = f"{path}:{line_no}"
        _require(row, ("index", "inputs", "outputs", "program"), where)
        inputs = _string_list(row["inputs"], "inputs", where)
        outputs = _string_list(row["outputs"], "outputs", where)
        if len(inputs) != len(outputs):
            raise ReleasedDataError(
                f"{where}: {len(inputs)} inputs but {len(outputs)} outputs"
            )
        if not isinstance(row["program"], str):
            raise ReleasedDataError(f"{where}: 'program' must be a string")
        problems.append(TestProblem(int(row["index"]), inputs, outputs, row["program"]))
    return problems


def _llm_problem(obj, where: str) -> LLMProblem:
    if not isinstance(obj, dict):
        raise ReleasedDataError(f"{where}: a problem must be a JSON object")
    _require(obj, ("inputs", "outputs", "program"), where)
    inputs = obj["inputs"]
    if not isinstance(inputs, (dict, list)):
        raise ReleasedDataError(f"{where}: 'inputs' must be an object or a list")
    if not isinstance(obj["outputs"], list):
        raise ReleasedDataError(f"{where}: 'outputs' must be a list")
    return LLMProblem(inputs, tuple(obj["outputs"]), obj["program"])


def read_llm_file(path) -> list[LLMRow]:
    """Reads one `llm_data` file into LLMRow records."""
    path = _as_path(path)
    rows = []
    for line_no, row in _iter_json_lines(path):
        where = f"{path}:{line_no}"
        _require(row, ("index", "test_problem", "few_shot_examples"), where)
        shots = row["few_shot_examples"]
        if not isinstance(shots, list):
            raise ReleasedDataError(f"{where}: 'few_shot_examples' must be a list")
        rows.append(
            LLMRow(
                index=int(row["index"]),
                test_problem=_llm_problem(row["test_problem"], where),
                few_shot_examples=tuple(_llm_problem(s, where) for s in shots),
            )
        )
    return rows


def read_test_data(family_dir, domain: str, experiment) -> list[TestProblem]:
    """Reads `<family_dir>/<domain>/<EXPERIMENT>.jsonl` of the `test_data` family."""
    return read_test_file(released_file(family_dir, domain, experiment))


def read_llm_data(family_dir, domain: str, experiment) -> list[LLMRow]:
    """Reads `<family_dir>/<domain>/<EXPERIMENT>.jsonl` of the `llm_data` family."""
    return read_llm_file(released_file(family_dir, domain, experiment))
