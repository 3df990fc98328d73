"""Evaluation results on disk: an append-only JSONL log and a summary JSON.

Each finished problem is appended (and flushed) to `<name>.jsonl` at once, so
an interrupted run loses nothing and a rerun skips the problems already there.
`write_summary` turns the log into `<name>.json`: the run's settings, the
totals and one record per problem, sorted by index.
"""

import json
import pathlib

from exedec_tf.errors import ExeDecError
from exedec_tf.synthesis.attribution import category_totals
from exedec_tf.synthesis.records import Problem, ProblemResult


class ResultsError(ExeDecError, ValueError):
    """A results file is malformed or inconsistent."""


def problem_record(problem: Problem, result: ProblemResult) -> dict:
    """The JSON record of one problem."""
    return {
        "index": result.index,
        "solved": result.success,
        "predicted_program": result.solution,
        "steps": result.num_steps,
        "time_s": result.time_s,
        "subgoals": [list(step) for step in result.solution_subgoals],
        "first_error": result.first_error,
        "category": result.category,
        "inputs": list(problem.inputs),
        "outputs": list(problem.outputs),
        "ground_truth": problem.program,
    }


def read_log(path) -> dict[int, dict]:
    """The records already in a JSONL log, by problem index ({} if absent).

    A last line cut short by an interruption is ignored; any other bad line
    raises ResultsError naming it.
    """
    path = pathlib.Path(path)
    if not path.exists():
        return {}
    lines = path.read_text().split("\n")
    records = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            if number == len(lines):
                break  # A partial final line: that problem is simply redone.
            raise ResultsError(f"{path}:{number}: not a JSON record") from None
        records[int(record["index"])] = record
    return records


class ResultsLog:
    """Appends problem records to a JSONL file, one flushed line each."""

    def __init__(self, path):
        self.path = pathlib.Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Drop a partial last line left by an interrupted run.
        if self.path.exists():
            text = self.path.read_text()
            if text and not text.endswith("\n"):
                self.path.write_text(text[: text.rfind("\n") + 1])

    def append(self, record: dict) -> None:
        with self.path.open("a") as f:
            f.write(json.dumps(record) + "\n")
            f.flush()


def totals(records) -> dict:
    """Accuracy, mean time and steps per problem over a collection of records,
    plus the first-error analysis (A-F) where problems had a ground truth."""
    records = list(records)
    n = len(records)
    solved = sum(bool(r["solved"]) for r in records)
    categories = [r.get("category") for r in records]
    analysis = {}
    if any(categories):
        analysis = {"error_analysis": category_totals(categories)}
    return {
        **analysis,
        "num_problems": n,
        "num_solved": solved,
        "accuracy": solved / n if n else 0.0,
        "mean_time_per_problem_s": sum(r["time_s"] for r in records) / n if n else 0.0,
        "mean_steps": sum(r["steps"] for r in records) / n if n else 0.0,
    }


def write_summary(path, settings: dict, records: dict[int, dict]) -> dict:
    """Writes `{"settings", "totals", "problems"}` to `path`; returns it."""
    summary = {
        "settings": settings,
        "totals": totals(records.values()),
        "problems": [records[i] for i in sorted(records)],
    }
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(summary, indent=1) + "\n")
    tmp.replace(path)
    return summary
