"""Evaluation results on disk: an append-only JSONL log and a summary JSON.

Each finished problem is appended (and flushed) to `<name>.jsonl` at once, so
an interrupted run loses nothing and a rerun skips the problems already there.
`write_summary` turns the log into `<name>.json`: the run's settings, the
totals and one record per problem, sorted by index.

Records carry their format version (`"format"`). Format 2 added the whole
final beam and the best element's steps; a record without the key is
format 1. A run resumes only a log of the current format (`read_log`
refuses others with `ResultsFormatError`); merging and totals read every
known format.
"""

import json
import pathlib

from exedec_tf.errors import ExeDecError
from exedec_tf.synthesis.attribution import category_totals
from exedec_tf.synthesis.records import Problem, ProblemResult, StepRecord

# The format of the records written now, and every format still readable.
FORMAT_VERSION = 2
KNOWN_FORMATS = (1, 2)


class ResultsError(ExeDecError, ValueError):
    """A results file is malformed or inconsistent."""


class ResultsFormatError(ResultsError):
    """A results log holds records of another format than the one expected."""


def record_format(record: dict) -> int:
    """The format version of one record (1 when it has none)."""
    return int(record.get("format", 1))


def _format_problem(version: int, formats) -> str:
    accepted = ", ".join(map(str, formats))
    if version not in KNOWN_FORMATS:
        return (
            f"record of unknown results format {version} (written by a newer "
            f"exedec-tf?); this version reads formats {accepted}"
        )
    if version < FORMAT_VERSION:
        return (
            f"record of results format {version}, from an older exedec-tf "
            f"(format {FORMAT_VERSION} adds the final beams); a run cannot "
            f"resume it: evaluate into a new output folder, or move the old "
            f"files away (merging shards still reads them)"
        )
    return f"record of results format {version}; accepted here: {accepted}"


def _list(values):
    return None if values is None else list(values)


def _step_record(record: StepRecord) -> dict:
    return {
        "step": record.step,
        "subgoals": _list(record.subgoals),
        "program_part": record.program_part,
        "synthesized": record.synthesized,
        "part_outputs": _list(record.part_outputs),
        "subgoals_achieved": _list(record.achieved),
    }


def problem_record(problem: Problem, result: ProblemResult) -> dict:
    """The JSON record of one problem (format `FORMAT_VERSION`).

    Besides the outcome it holds `beam`, every final element from slot 0
    (worst) to K-1 (best) with its program, float32 score, flags and the
    examples it satisfies, and `best_steps`, the best element's (slot K-1)
    subgoals and program part per step.
    """
    return {
        "format": FORMAT_VERSION,
        "index": result.index,
        "solved": result.success,
        "predicted_program": result.solution,
        "solution_slot": result.solution_slot,
        "steps": result.num_steps,
        "time_s": result.time_s,
        "subgoals": [list(step) for step in result.solution_subgoals],
        "first_error": result.first_error,
        "category": result.category,
        "inputs": list(problem.inputs),
        "outputs": list(problem.outputs),
        "ground_truth": problem.program,
        "beam": [
            {
                "slot": slot,
                "program": element.program,
                "score": element.score,
                "valid": element.valid,
                "finished": element.finished,
                "satisfied": list(element.satisfied),
                "num_satisfied": sum(element.satisfied),
            }
            for slot, element in enumerate(result.beam)
        ],
        "best_steps": [_step_record(s) for s in result.best_steps],
    }


def read_log(path, formats=(FORMAT_VERSION,)) -> dict[int, dict]:
    """The records already in a JSONL log, by problem index ({} if absent).

    A last line cut short by an interruption is ignored; any other bad line
    raises ResultsError naming it.

    Args:
      path: the JSONL log.
      formats: the record formats accepted (default: only the current one,
        as a resumed run needs).

    Raises:
      ResultsFormatError: a record of another format (the message says which
        and what to do).
      ResultsError: a line that is not a JSON record.
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
        version = record_format(record)
        if version not in formats:
            raise ResultsFormatError(
                f"{path}:{number}: {_format_problem(version, formats)}"
            )
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


def subgoal_achievement(records) -> dict | None:
    """How often the best elements' synthesized parts achieve their subgoals.

    Over every problem's best final element (slot K-1) and every step at
    which the Synthesizer was given a predicted subgoal (steps that ended at
    the spec step, e.g. an invalid subgoal, do not count), a (step, example)
    subgoal is achieved when the step's program part, run on that example's
    original input, outputs exactly the subgoal (RobustFill: the part's own
    output; DeepCoder: the new variable's value); a failed run is not.

    Returns:
      {"num_steps", "num_subgoals", "num_achieved", "rate" (num_achieved /
      num_subgoals), "steps_fully_achieved_rate" (steps whose E subgoals were
      all achieved, among num_steps)}, or None when no record has such a step
      (joint mode, the baseline, or format 1 records).
    """
    steps = [
        step["subgoals_achieved"]
        for r in records
        for step in r.get("best_steps", ())
        if step["subgoals_achieved"] is not None
    ]
    if not steps:
        return None
    num_subgoals = sum(len(s) for s in steps)
    num_achieved = sum(sum(s) for s in steps)
    return {
        "num_steps": len(steps),
        "num_subgoals": num_subgoals,
        "num_achieved": num_achieved,
        "rate": num_achieved / num_subgoals if num_subgoals else 0.0,
        "steps_fully_achieved_rate": sum(all(s) for s in steps) / len(steps),
    }


def totals(records) -> dict:
    """Accuracy, mean time and steps per problem over a collection of records,
    plus the first-error analysis (A-F) where problems had a ground truth and
    the subgoal achievement rate where subgoals were predicted."""
    records = list(records)
    n = len(records)
    solved = sum(bool(r["solved"]) for r in records)
    categories = [r.get("category") for r in records]
    analysis = {}
    if any(categories):
        analysis = {"error_analysis": category_totals(categories)}
    achievement = subgoal_achievement(records)
    if achievement is not None:
        analysis["subgoal_achievement"] = achievement
    return {
        **analysis,
        "num_problems": n,
        "num_solved": solved,
        "accuracy": solved / n if n else 0.0,
        "mean_time_per_problem_s": sum(r["time_s"] for r in records) / n if n else 0.0,
        "mean_steps": sum(r["steps"] for r in records) / n if n else 0.0,
    }


def write_summary(path, settings: dict, records: dict[int, dict]) -> dict:
    """Writes `{"format", "settings", "totals", "problems"}` to `path`.

    `format` is the records' format (the current one for no records).

    Returns:
      The summary.

    Raises:
      ResultsFormatError: records of different formats.
    """
    formats = {record_format(r) for r in records.values()} or {FORMAT_VERSION}
    if len(formats) > 1:
        raise ResultsFormatError(
            f"cannot summarise records of different formats {sorted(formats)}"
        )
    summary = {
        "format": formats.pop(),
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
