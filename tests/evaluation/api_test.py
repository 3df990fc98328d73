"""From paths to results: sources, method and options resolution."""

import pytest

from exedec_tf import domains
from exedec_tf.evaluation.api import evaluate_from_paths
from exedec_tf.evaluation.problems import released_problems, tfds_problems
from exedec_tf.synthesis.loading import ModelPaths
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.scripted import oracle_models
from tests.conftest import shared_data_dir


def _released(domain="robustfill"):
    return shared_data_dir() / "test_data" / domain / "NONE.jsonl"


def _oracle(domain, count, joint=False):
    shapes = {"robustfill": (4, 200), "deepcoder": (3, 100)}[domain]
    problems = released_problems(_released(domain))[:count]
    models = oracle_models(domains.get(domain), problems, *shapes)
    if joint:
        return {"synthesizer": models["joint"]}
    return {k: models[k] for k in ("spec_decomposer", "synthesizer")}


@pytest.mark.parametrize("joint", [False, True])
def test_released_file_with_oracle_models(tmp_path, joint):
    paths = ModelPaths(joint="J") if joint else ModelPaths("S", "Y")
    summary = evaluate_from_paths(
        tmp_path,
        paths,
        released_file=_released("deepcoder"),
        domain="deepcoder",
        num_problems=5,
        options=LoopOptions(beam_size=2),
        progress=False,
        models=_oracle("deepcoder", 5, joint),
    )
    assert summary["totals"]["num_solved"] == 5
    assert summary["settings"]["method"] == ("joint" if joint else "separate")
    assert summary["settings"]["models"] == (
        {"joint": "J"} if joint else {"spec_decomposer": "S", "synthesizer": "Y"}
    )


def test_source_arguments_are_checked(tmp_path):
    paths = ModelPaths("S", "Y")
    with pytest.raises(ValueError, match="exactly one of"):
        evaluate_from_paths(tmp_path, paths, models={})
    with pytest.raises(ValueError, match="needs a domain"):
        evaluate_from_paths(tmp_path, paths, released_file=_released(), models={})
    with pytest.raises(ValueError, match="data_dir needs a domain and an experiment"):
        evaluate_from_paths(tmp_path, paths, data_dir=tmp_path, domain="robustfill")
    with pytest.raises(FileNotFoundError, match="tfds build"):
        evaluate_from_paths(
            tmp_path, paths, data_dir=tmp_path, domain="robustfill", experiment="NONE"
        )


@pytest.mark.slow
def test_tfds_test_released_split(tmp_path):
    tfds = pytest.importorskip("tensorflow_datasets")
    from exedec_tf.data import tfds_base
    from exedec_tf.datasets.exedec_robustfill.exedec_robustfill_dataset_builder import (
        Builder,
    )

    config = tfds_base.ExeDecConfig(name="none_tiny", experiment="NONE", scale="tiny")
    builder = Builder(config=config, data_dir=str(tmp_path / "tfds"))
    builder.download_and_prepare(
        download_config=tfds.download.DownloadConfig(manual_dir=str(shared_data_dir()))
    )
    summary = evaluate_from_paths(
        tmp_path / "out",
        ModelPaths("S", "Y"),
        data_dir=tmp_path / "tfds",
        domain="robustfill",
        experiment="NONE",
        num_problems=4,
        options=LoopOptions(beam_size=2),
        progress=False,
        models=_oracle("robustfill", 4),
    )
    assert summary["settings"]["split"] == "test_released"
    assert summary["settings"]["dataset_dir"].endswith("none_tiny/1.0.0")
    assert [p["index"] for p in summary["problems"]] == [0, 1, 2, 3]
    assert summary["totals"]["num_solved"] == 4
    released = released_problems(_released())[:4]
    assert [p["inputs"] for p in summary["problems"]] == [
        list(p.inputs) for p in released
    ]
    # The generated `test` split of the same build, exact config name.
    dataset_dir = tmp_path / "tfds" / "exedec_robustfill" / "none_tiny" / "1.0.0"
    _, generated = tfds_problems(dataset_dir, "test")
    shapes = (4, 200)
    models = oracle_models(domains.get("robustfill"), generated[:3], *shapes)
    summary = evaluate_from_paths(
        tmp_path / "out_test",
        ModelPaths("S", "Y"),
        data_dir=tmp_path / "tfds",
        domain="robustfill",
        experiment="NONE",
        config_name="none_tiny",
        split="test",
        num_problems=3,
        options=LoopOptions(beam_size=2),
        progress=False,
        models={k: models[k] for k in ("spec_decomposer", "synthesizer")},
    )
    assert summary["totals"]["num_solved"] == 3
    assert [p["index"] for p in summary["problems"]] == [p.index for p in generated[:3]]
