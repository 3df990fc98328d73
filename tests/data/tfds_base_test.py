"""Tests of exedec_tf.data.tfds_base: configs, sizes, and Beam/plain agreement."""

import pytest
import tensorflow as tf
import tensorflow_datasets as tfds

from exedec_tf.data import tfds_base
from exedec_tf.data.split_sizes import SPLIT_SIZES, SplitSize
from exedec_tf.datasets.exedec_robustfill import (
    exedec_robustfill_dataset_builder as rf_module,
)
from tests.conftest import shared_data_dir


def test_one_registered_config_per_experiment():
    names = [c.name for c in rf_module.Builder.BUILDER_CONFIGS]
    assert names == [
        "none",
        "length_generalization",
        "compose_different_concepts",
        "switch_concept_order",
        "compose_new_op",
        "add_op_functionality",
    ]
    config = rf_module.Builder.BUILDER_CONFIGS[4]
    assert config.experiment == "COMPOSE_NEW_OP" and config.scale == "paper"
    assert config.split_sizes("robustfill")["train"].num_tasks == 64_000_000


def test_paper_scale_matches_original_scripts():
    dc = SPLIT_SIZES["deepcoder"]["paper"]
    assert dc["train"].num_tasks == 64_000_000
    assert dc["test"] == SplitSize(100, 100, 10)


def test_config_from_json_kwargs_with_overrides():
    config = tfds_base.ExeDecConfig(
        name="x", experiment="compose_new_op", scale="tiny", sizes={"train": [3, 7]}
    )
    assert config.experiment == "COMPOSE_NEW_OP"
    sizes = config.split_sizes("robustfill")
    assert sizes["train"] == SplitSize(3, 7)
    assert sizes["test"] == SPLIT_SIZES["robustfill"]["tiny"]["test"]


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"experiment": "NOPE"}, "'NOPE'"),
        ({"scale": "huge"}, "'huge'"),
        ({"sizes": {"dev": [1, 1]}}, "'dev'"),
        ({"sizes": {"train": [1, -2]}}, "non-negative"),
        ({"seed": "0"}, "'0'"),
    ],
)
def test_bad_configs_are_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        tfds_base.ExeDecConfig(name="x", **kwargs).split_sizes("robustfill")


def test_deepcoder_sizes_must_be_whole_searches():
    with pytest.raises(ValueError, match="multiple of programs_per_search"):
        SplitSize(1, 15, 10)


def _records(data_dir, split):
    info_dir = data_dir / "exedec_robustfill" / "beam_check" / "1.0.0"
    files = sorted(info_dir.glob(f"exedec_robustfill-{split}.tfrecord*"))
    return [
        tf.train.Example.FromString(r.numpy())
        for f in files
        for r in tf.data.TFRecordDataset(str(f))
    ]


@pytest.mark.slow
def test_beam_and_plain_builds_give_the_same_examples(tmp_path):
    from apache_beam.runners.portability import fn_api_runner

    config = tfds_base.ExeDecConfig(
        name="beam_check",
        experiment="SWITCH_CONCEPT_ORDER",
        sizes={"train": [3, 4], "valid": [2, 3], "test": [1, 2]},
    )
    manual = shared_data_dir()
    runs = {
        "plain": tfds.download.DownloadConfig(manual_dir=manual),
        "beam": tfds.download.DownloadConfig(
            manual_dir=manual,
            beam_runner=fn_api_runner.FnApiRunner(),
        ),
    }
    for name, download_config in runs.items():
        builder = rf_module.Builder(config=config, data_dir=tmp_path / name)
        builder.download_and_prepare(download_config=download_config)
    for split in ("train", "valid", "test", "test_released"):
        plain = _records(tmp_path / "plain", split)
        # Protobuf map order makes record bytes vary between processes, so
        # the parsed examples (and their order) are what must agree.
        assert plain == _records(tmp_path / "beam", split), split
        assert len(plain) == {"train": 12, "valid": 6, "test": 2}.get(split, 1000)


def test_info_names_the_data_license_and_the_builder_files(tmp_path):
    builder = rf_module.Builder(config="compose_new_op", data_dir=str(tmp_path))
    assert "CC-BY 4.0" in builder.info.redistribution_info.license
    assert builder.info.citation.startswith("@inproceedings{shi2024exedec")
    # Found beside the module although the package is exedec_tf.datasets.
    assert builder._checksums_path == rf_module.Builder.code_path.parent / (
        "checksums.tsv"
    )
    assert builder._checksums_path.is_file()
