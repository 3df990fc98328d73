"""Results log and summary files."""

import pytest

from exedec_tf.evaluation import results


def test_log_round_trip_and_totals(tmp_path):
    log = results.ResultsLog(tmp_path / "r.jsonl")
    log.append({"index": 3, "solved": True, "time_s": 1.0, "steps": 2})
    log.append({"index": 1, "solved": False, "time_s": 3.0, "steps": 4})
    records = results.read_log(tmp_path / "r.jsonl")
    assert sorted(records) == [1, 3]
    summary = results.write_summary(tmp_path / "r.json", {"k": 1}, records)
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
    path.write_text('{"index": 1}\nnot json\n{"index": 2}\n')
    with pytest.raises(results.ResultsError, match="r.jsonl:2"):
        results.read_log(path)


def test_interrupted_last_line_is_dropped_on_reopen(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"index": 1}\n{"ind')
    assert list(results.read_log(path)) == [1]
    results.ResultsLog(path).append({"index": 2})
    assert list(results.read_log(path)) == [1, 2]


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
