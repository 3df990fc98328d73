"""Measuring one method over released problems: summaries, parts, resume, errors."""

import json

import pytest

from exedec_tf import domains
from exedec_tf.evaluation.problems import released_problems
from exedec_tf.presets import measure
from exedec_tf.synthesis.loading import ModelPaths
from exedec_tf.synthesis.records import Problem
from exedec_tf.synthesis.scripted import oracle_models
from tests.conftest import shared_data_dir

# Released RobustFill NONE problem 0 (5 parts) and DeepCoder NONE problem 0 (3).
RF_PROGRAM = "4 29|7 109 211|3 8 111 17 109 216|3 15 109 216 79 7 106 216|5 219 230"
DC_PROGRAM = (
    "x0 = INPUT | x1 = INPUT | x2 = Scanl1 (-) x0 | x3 = Map (*(-1)) x2 "
    "| x4 = Filter (>0) x3"
)
EXEDEC = measure.MeasuredMethod("robustfill", ModelPaths("S", "Y"))


def _released(experiment="NONE"):
    return released_problems(
        shared_data_dir() / "test_data" / "robustfill" / f"{experiment}.jsonl"
    )


def _oracle(problems, joint=False):
    models = oracle_models(domains.get("robustfill"), problems, 4, 200)
    if joint:
        return {"synthesizer": models["joint"]}
    return {k: models[k] for k in ("spec_decomposer", "synthesizer")}


def _record(index, solved, time_s):
    return {"format": 2, "index": index, "solved": solved, "time_s": time_s}


def test_num_parts_of_released_programs():
    assert measure.num_parts("robustfill", RF_PROGRAM) == 5
    assert measure.num_parts("deepcoder", DC_PROGRAM) == 3


def test_summary_counts_and_parts_from_a_hand_made_results_file(tmp_path):
    one, two = "4 29", "4 29|5 219 230"
    problems = [
        Problem(("a",), ("b",), index=i, program=p)
        for i, p in enumerate([one, two, two, RF_PROGRAM, one])
    ]
    log = [_record(0, True, 1.0), _record(1, False, 2.0), _record(2, True, 6.0)]
    log += [_record(3, False, 3.0), _record(7, True, 100.0)]  # 7: not asked for
    (tmp_path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in log))
    records = measure.read_records(tmp_path)
    summary = measure.experiment_summary("robustfill", problems, records, 1000)
    assert summary["num_released"] == 1000
    assert summary["num_requested"] == 5
    assert summary["num_evaluated"] == 4  # problem 4 has no result yet
    assert not summary["complete"]
    assert (summary["num_solved"], summary["accuracy"]) == (2, 0.5)
    assert summary["mean_time_s"] == pytest.approx(3.0)
    assert summary["median_time_s"] == pytest.approx(2.5)
    assert summary["by_parts"] == {
        "1": {"num_problems": 1, "num_solved": 1, "accuracy": 1.0},
        "2": {"num_problems": 2, "num_solved": 1, "accuracy": 0.5},
        "5": {"num_problems": 1, "num_solved": 0, "accuracy": 0.0},
    }


def test_records_are_read_over_shard_logs_and_duplicates_refused(tmp_path):
    for name, index in (
        ("results-shard00000-of-00002", 0),
        ("results-shard00001-of-00002", 1),
    ):
        (tmp_path / f"{name}.jsonl").write_text(
            json.dumps(_record(index, True, 1.0)) + "\n"
        )
    assert sorted(measure.read_records(tmp_path)) == [0, 1]
    (tmp_path / "results.jsonl").write_text(json.dumps(_record(1, False, 1.0)) + "\n")
    with pytest.raises(measure.MeasureError, match="problem 1 is in both"):
        measure.read_records(tmp_path)


def test_measure_resumes_and_extends(tmp_path):
    released = _released()
    models = _oracle(released[:3])
    run = dict(experiments=["none"], released_dir=shared_data_dir(), progress=False)
    summary = measure.measure(tmp_path, EXEDEC, num_problems=2, models=models, **run)
    figures = summary["experiments"]["NONE"]
    assert (figures["num_evaluated"], figures["num_solved"]) == (2, 2)
    assert (figures["num_released"], figures["complete"]) == (1000, False)
    assert summary["label"] == "exedec" and summary["method"] == "separate"
    assert summary["options"]["beam_size"] == 10
    log = tmp_path / "NONE" / "results.jsonl"
    first_lines = log.read_text().splitlines()
    calls = len(models["synthesizer"].calls)

    # Asking for one more: only problem 2 runs, the two done lines stay.
    summary = measure.measure(tmp_path, EXEDEC, num_problems=3, models=models, **run)
    lines = log.read_text().splitlines()
    assert lines[:2] == first_lines and len(lines) == 3
    assert json.loads(lines[2])["index"] == 2
    new_calls = models["synthesizer"].calls[calls:]
    assert new_calls and {inputs for _, keys in new_calls for inputs, _ in keys} == {
        released[2].inputs
    }
    assert summary["experiments"]["NONE"]["num_evaluated"] == 3
    # Another experiment into the same folder keeps NONE.
    other = _released("LENGTH_GENERALIZATION")[:1]
    summary = measure.measure(
        tmp_path,
        EXEDEC,
        **{**run, "experiments": ["LENGTH_GENERALIZATION"]},
        num_problems=1,
        models=_oracle(other),
    )
    assert list(summary["experiments"]) == ["NONE", "LENGTH_GENERALIZATION"]
    on_disk = json.loads((tmp_path / measure.SUMMARY_NAME).read_text())
    assert on_disk == summary
    assert measure.load_summary(tmp_path) == summary


def test_joint_models_are_the_ablation(tmp_path):
    released = _released()[:2]
    method = measure.MeasuredMethod("robustfill", ModelPaths(joint="J"))
    summary = measure.measure(
        tmp_path,
        method,
        experiments=["NONE"],
        num_problems=2,
        released_dir=shared_data_dir(),
        models=_oracle(released, joint=True),
        progress=False,
    )
    assert (summary["label"], summary["method"]) == ("ablation", "joint")
    assert summary["models"] == {"joint": "J"}
    assert summary["experiments"]["NONE"]["num_solved"] == 2


def test_another_method_in_the_same_folder_is_refused(tmp_path):
    run = dict(experiments=["NONE"], num_problems=1, progress=False)
    run.update(released_dir=shared_data_dir(), models=_oracle(_released()[:1]))
    measure.measure(tmp_path, EXEDEC, **run)
    other = measure.MeasuredMethod("robustfill", ModelPaths("S2", "Y"))
    with pytest.raises(measure.MeasureError, match="differing: models"):
        measure.measure(tmp_path, other, **run)


def test_bad_inputs_name_the_bad_value(tmp_path):
    with pytest.raises(measure.MeasureError, match="unknown experiment 'NONSENSE'"):
        measure.measure(tmp_path, EXEDEC, experiments=["NONE", "NONSENSE"], models={})
    with pytest.raises(measure.MeasureError, match="NONE given twice"):
        measure.parse_experiments(["none", "NONE"])
    with pytest.raises(measure.MeasureError, match="got 0"):
        measure.measure(tmp_path, EXEDEC, num_problems=0, models={})
    missing = tmp_path / "data" / "test_data" / "robustfill" / "COMPOSE_NEW_OP.jsonl"
    with pytest.raises(measure.MeasureError, match=str(missing)):
        measure.measure(
            tmp_path / "out",
            EXEDEC,
            experiments=["COMPOSE_NEW_OP"],
            released_dir=tmp_path / "data",
            models={},
        )
    with pytest.raises(measure.MeasureError, match="no measurement summary at"):
        measure.load_summary(tmp_path / "nowhere")
    (tmp_path / "bad.json").write_text('{"format": 99}')
    with pytest.raises(measure.MeasureError, match="not a measurement summary"):
        measure.load_summary(tmp_path / "bad.json")
