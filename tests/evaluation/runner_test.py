"""Evaluation runs: results files, resume after an interruption, shards, merge."""

import dataclasses
import json

import pytest

from exedec_tf.evaluation import merge, results, runner
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.records import Problem
from tests.synthesis import cases


def _problems():
    upper = Problem(("ab", "cd", "ef", "gh"), ("AB.", "CD.", "EF.", "GH."))
    other = Problem(("xy", "zz", "ef", "gh"), ("no", "no", "no", "no"))
    return [
        dataclasses.replace(upper if i % 2 == 0 else other, index=i) for i in range(6)
    ]


class _Interrupt(Exception):
    pass


def _models(fail_after=None):
    spec, synth = cases.rf_models()
    if fail_after is not None:
        original = synth.beam_search

        def failing(*args):
            if len(synth.calls) >= fail_after:
                raise _Interrupt()
            return original(*args)

        synth.beam_search = failing
    return {"spec_decomposer": spec, "synthesizer": synth}


def _run(out_dir, problems=None, **kwargs):
    return runner.evaluate(
        _problems() if problems is None else problems,
        "robustfill",
        out_dir,
        options=LoopOptions(beam_size=2),
        progress=False,
        tensorboard=False,
        **{"batch_size": 2, **kwargs},
    )


def _strip_times(summary):
    return [{**p, "time_s": 0} for p in summary["problems"]]


def test_results_json_per_problem_and_totals(tmp_path):
    summary = _run(tmp_path, **_models())
    on_disk = json.loads((tmp_path / "results.json").read_text())
    assert on_disk["totals"] == summary["totals"]
    assert summary["totals"]["num_problems"] == 6
    assert summary["totals"]["num_solved"] == 3
    assert summary["totals"]["accuracy"] == 0.5
    first = summary["problems"][0]
    assert first["solved"] and first["predicted_program"] == "8 111|4 83"
    assert first["steps"] == 3 and first["time_s"] >= 0
    assert first["subgoals"] == [["AB", "CD", "EF", "GH"], [".", ".", ".", "."]]
    assert summary["settings"]["method"] == "separate"
    # The whole final beam, worst slot first, and the best element's steps.
    assert first["solution_slot"] == 1
    assert [(e["slot"], e["program"], e["num_satisfied"]) for e in first["beam"]] == [
        (0, "8 111", 0),
        (1, "8 111|4 83", 4),
    ]
    assert first["beam"][1]["score"] == pytest.approx(-0.36)
    assert [
        (s["program_part"], s["subgoals_achieved"]) for s in first["best_steps"]
    ] == [
        ("8 111", [True] * 4),
        ("4 83", [True] * 4),
    ]
    # The unsolvable problems' best element stops at an invalid subgoal.
    assert summary["problems"][1]["best_steps"][0]["synthesized"] is False
    assert summary["totals"]["subgoal_achievement"] == {
        "num_steps": 6,
        "num_subgoals": 24,
        "num_achieved": 24,
        "rate": 1.0,
        "steps_fully_achieved_rate": 1.0,
    }


def test_resume_after_interruption_skips_done_problems(tmp_path):
    reference = _run(tmp_path / "ref", **_models())
    with pytest.raises(_Interrupt):
        _run(tmp_path / "run", **_models(fail_after=3))
    partial = results.read_log(tmp_path / "run" / "results.jsonl")
    assert 0 < len(partial) < 6
    models = _models()
    resumed = _run(tmp_path / "run", **models)
    # Only the missing problems were started again: count first-step specs.
    initial = {p.outputs for p in _problems()}
    started = [key for _, keys in models["spec_decomposer"].calls for key in keys]
    assert sum(key in initial for key in started) == 6 - len(partial)
    assert _strip_times(resumed) == _strip_times(reference)
    assert len(results.read_log(tmp_path / "run" / "results.jsonl")) == 6


def test_partial_last_line_is_redone(tmp_path):
    _run(tmp_path, **_models())
    log = tmp_path / "results.jsonl"
    lines = log.read_text().splitlines()
    log.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:10])
    assert len(results.read_log(log)) == 5
    summary = _run(tmp_path, **_models())
    assert summary["totals"]["num_problems"] == 6


def test_a_log_of_the_old_format_is_not_resumed(tmp_path):
    _run(tmp_path, **_models())
    log = tmp_path / "results.jsonl"
    old = [json.loads(line) for line in log.read_text().splitlines()]
    for record in old:
        for key in ("format", "beam", "best_steps", "solution_slot"):
            del record[key]
    log.write_text("".join(json.dumps(r) + "\n" for r in old))
    with pytest.raises(results.ResultsFormatError, match="results format 1"):
        _run(tmp_path, **_models())


def test_other_settings_in_same_folder_are_refused(tmp_path):
    _run(tmp_path, **_models())
    with pytest.raises(results.ResultsError, match="beam_size"):
        runner.evaluate(
            _problems(),
            "robustfill",
            tmp_path,
            options=LoopOptions(beam_size=3),
            progress=False,
            tensorboard=False,
            **_models(),
        )


def test_shards_merge_to_the_unsharded_result(tmp_path):
    whole = _run(tmp_path / "whole", **_models())
    for index in range(3):
        _run(tmp_path / "sharded", shard_index=index, shard_count=3, **_models())
    merged = merge.merge_results(tmp_path / "sharded", tensorboard=False)
    assert _strip_times(merged) == _strip_times(whole)
    assert merged["totals"]["num_solved"] == whole["totals"]["num_solved"]


def test_merge_reports_a_missing_shard(tmp_path):
    _run(tmp_path, shard_index=0, shard_count=2, **_models())
    with pytest.raises(results.ResultsError, match=r"shards \[1\] of 2"):
        merge.merge_results(tmp_path, tensorboard=False)


def test_tensorboard_scalars_are_written(tmp_path):
    runner.evaluate(
        _problems()[:2],
        "robustfill",
        tmp_path,
        options=LoopOptions(beam_size=2),
        progress=False,
        **_models(),
    )
    assert list((tmp_path / "tb" / "results").glob("events.out.tfevents.*"))


def test_results_beam_is_the_originals_element_by_element(tmp_path):
    # deep_loop_expected holds the final beam the original's end-to-end loop
    # produced for this problem and these scripted models.
    from tests.synthesis.deep_loop_expected import RF_SEPARATE

    spec, synth = cases.rf_deep_models()
    runner.evaluate(
        [cases.RF_DEEP],
        "robustfill",
        tmp_path,
        synthesizer=synth,
        spec_decomposer=spec,
        options=LoopOptions(beam_size=4),
        progress=False,
        tensorboard=False,
    )
    [record] = json.loads((tmp_path / "results.json").read_text())["problems"]
    beam = [
        (e["program"], e["score"], e["valid"], e["finished"]) for e in record["beam"]
    ]
    assert beam == RF_SEPARATE.beam  # float32 scores survive the JSON exactly
    assert record["predicted_program"] == RF_SEPARATE.solution
    assert RF_SEPARATE.beam[3][0] == RF_SEPARATE.solution
    assert record["solution_slot"] == 3
    # Slots 1 and 2 end in other parts that also reproduce every output.
    assert [e["num_satisfied"] for e in record["beam"]] == [0, 4, 4, 4]
    assert [s["program_part"] for s in record["best_steps"]] == [
        "3 8 111 7 103 216",
        "4 83",
        "7 103 214",
    ]
