"""Merging shard results: consistency checks."""

import json

import pytest

from exedec_tf.evaluation import merge, results


def _shard(out, index, count, records, settings=None, version=None):
    stem = f"results-shard{index:05d}-of-{count:05d}"
    settings = {"beam_size": 2, "shard_index": index, **(settings or {})}
    (out / f"{stem}.settings.json").write_text(json.dumps(settings))
    log = results.ResultsLog(out / f"{stem}.jsonl")
    for index_ in records:
        record = {"index": index_, "solved": index_ % 2 == 0, "time_s": 1.0, "steps": 1}
        if version is not None:
            record["format"] = version
        log.append(record)


def test_merge_sorts_and_totals(tmp_path):
    _shard(tmp_path, 0, 2, [0, 2])
    _shard(tmp_path, 1, 2, [1, 3])
    summary = merge.merge_results(tmp_path, tensorboard=False)
    assert [p["index"] for p in summary["problems"]] == [0, 1, 2, 3]
    assert summary["totals"]["num_solved"] == 2
    assert summary["settings"] == {"beam_size": 2, "shard_index": None}
    assert (tmp_path / "results.json").exists()


def test_duplicate_problem_is_refused(tmp_path):
    _shard(tmp_path, 0, 2, [0, 1])
    _shard(tmp_path, 1, 2, [1])
    with pytest.raises(results.ResultsError, match="problem 1 appears in two"):
        merge.merge_results(tmp_path, tensorboard=False)


def test_other_settings_are_refused(tmp_path):
    _shard(tmp_path, 0, 2, [0])
    _shard(tmp_path, 1, 2, [1], settings={"beam_size": 10})
    with pytest.raises(results.ResultsError, match="other settings"):
        merge.merge_results(tmp_path, tensorboard=False)


def test_mixed_shard_counts_are_refused(tmp_path):
    _shard(tmp_path, 0, 2, [0])
    _shard(tmp_path, 0, 3, [1])
    with pytest.raises(results.ResultsError, match="different counts"):
        merge.merge_results(tmp_path, tensorboard=False)


def test_shards_of_the_old_format_still_merge(tmp_path):
    # Records without a "format" key are format 1 (no final beams).
    _shard(tmp_path, 0, 2, [0])
    _shard(tmp_path, 1, 2, [1])
    summary = merge.merge_results(tmp_path, tensorboard=False)
    assert summary["format"] == 1 and summary["totals"]["num_problems"] == 2
    assert "subgoal_achievement" not in summary["totals"]


def test_shards_of_different_formats_are_refused(tmp_path):
    _shard(tmp_path, 0, 2, [0])
    _shard(tmp_path, 1, 2, [1], version=results.FORMAT_VERSION)
    with pytest.raises(results.ResultsFormatError, match="different formats"):
        merge.merge_results(tmp_path, tensorboard=False)
