"""Results log and summary files."""

import json

import pytest

from exedec_tf.evaluation import results
from exedec_tf.synthesis.records import Problem, ProblemResult, SlotResult, StepRecord

V = results.FORMAT_VERSION


def test_log_round_trip_and_totals(tmp_path):
    log = results.ResultsLog(tmp_path / "r.jsonl")
    log.append({"format": V, "index": 3, "solved": True, "time_s": 1.0, "steps": 2})
    log.append({"format": V, "index": 1, "solved": False, "time_s": 3.0, "steps": 4})
    records = results.read_log(tmp_path / "r.jsonl")
    assert sorted(records) == [1, 3]
    summary = results.write_summary(tmp_path / "r.json", {"k": 1}, records)
    assert summary["format"] == V
    assert summary["totals"] == {
        "num_problems": 2,
        "num_solved": 1,
        "accuracy": 0.5,
        "mean_time_per_problem_s": 2.0,
        "mean_steps": 3.0,
    }
    assert [p["index"] for p in summary["problems"]] == [1, 3]


def test_corrupt_line_in_the_middle_is_an_error(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"index": 1, "format": 2}\nnot json\n{"index": 2}\n')
    with pytest.raises(results.ResultsError, match="r.jsonl:2"):
        results.read_log(path)


def test_interrupted_last_line_is_dropped_on_reopen(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"index": 1, "format": 2}\n{"ind')
    assert list(results.read_log(path)) == [1]
    results.ResultsLog(path).append({"index": 2, "format": 2})
    assert list(results.read_log(path)) == [1, 2]


def test_an_old_format_log_is_refused_by_default_and_read_on_request(tmp_path):
    path = tmp_path / "r.jsonl"
    # What exedec-tf wrote before records had a format (format 1).
    path.write_text('{"index": 1, "solved": true, "time_s": 1.0, "steps": 1}\n')
    with pytest.raises(results.ResultsFormatError, match=r"r.jsonl:1: .*format 1"):
        results.read_log(path)
    assert list(results.read_log(path, formats=results.KNOWN_FORMATS)) == [1]


def test_an_unknown_format_names_itself(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"index": 1, "format": 99}\n')
    with pytest.raises(results.ResultsFormatError, match="unknown results format 99"):
        results.read_log(path, formats=results.KNOWN_FORMATS)


def test_summary_refuses_mixed_formats(tmp_path):
    records = {0: {"index": 0, "format": 2}, 1: {"index": 1}}
    with pytest.raises(results.ResultsFormatError, match=r"\[1, 2\]"):
        results.write_summary(tmp_path / "r.json", {}, records)


def test_empty_totals():
    assert results.totals([])["accuracy"] == 0.0


def test_error_analysis_only_with_categories():
    records = [
        {"index": 0, "solved": True, "time_s": 1.0, "steps": 1, "category": "B"},
        {"index": 1, "solved": False, "time_s": 1.0, "steps": 1, "category": "E"},
    ]
    analysis = results.totals(records)["error_analysis"]
    assert analysis["counts"]["B"] == 1 and analysis["counts"]["E"] == 1
    assert analysis["spec_decomposer_error_recovery_pct"] == 50.0
    for record in records:
        record["category"] = None
    assert "error_analysis" not in results.totals(records)


def _step(achieved):
    return {"subgoals_achieved": achieved}


def test_subgoal_achievement_counts_step_example_pairs():
    records = [
        {"best_steps": [_step([True, True]), _step([True, False])]},
        # A step that ended at its spec step (no part) does not count.
        {"best_steps": [_step([False, False]), _step(None)]},
        {"best_steps": []},
    ]
    assert results.subgoal_achievement(records) == {
        "num_steps": 3,
        "num_subgoals": 6,
        "num_achieved": 3,
        "rate": 0.5,
        "steps_fully_achieved_rate": 1 / 3,
    }
    full = [
        {**r, "index": i, "solved": False, "time_s": 0.0, "steps": 1}
        for i, r in enumerate(records)
    ]
    assert results.totals(full)["subgoal_achievement"]["rate"] == 0.5


def test_no_achievement_without_subgoals():
    # Joint mode, the baseline and format 1 records.
    assert results.subgoal_achievement([{"best_steps": [_step(None)]}, {}]) is None
    assert "subgoal_achievement" not in results.totals(
        [{"index": 0, "solved": True, "time_s": 0.0, "steps": 1}]
    )


def test_problem_record_holds_the_whole_beam_and_the_best_steps():
    problem = Problem(("a", "b"), ("A", "B"), index=7, program="8 111")
    beam = (
        SlotResult("4 19", -2.5, False, True, (), satisfied=(False, False)),
        SlotResult("8 111", -0.25, True, True, (("A", "B"),), satisfied=(True, True)),
    )
    step = StepRecord(0, ("A", "B"), "8 111", True, ("A", "B"), (True, True))
    result = ProblemResult(7, True, "8 111", 1, 1, 0.5, beam, best_steps=(step,))
    record = results.problem_record(problem, result)
    assert record["format"] == V and record["solution_slot"] == 1
    assert record["beam"] == [
        {
            "slot": 0,
            "program": "4 19",
            "score": -2.5,
            "valid": False,
            "finished": True,
            "satisfied": [False, False],
            "num_satisfied": 0,
        },
        {
            "slot": 1,
            "program": "8 111",
            "score": -0.25,
            "valid": True,
            "finished": True,
            "satisfied": [True, True],
            "num_satisfied": 2,
        },
    ]
    assert record["best_steps"] == [
        {
            "step": 0,
            "subgoals": ["A", "B"],
            "program_part": "8 111",
            "synthesized": True,
            "part_outputs": ["A", "B"],
            "subgoals_achieved": [True, True],
        }
    ]
    assert json.loads(json.dumps(record)) == record
