import pytest
import tensorflow_datasets as tfds

from exedec_tf.errors import ExeDecError
from exedec_tf.stages import dataset
from tests.stages.tiny_dataset import SIZES, build_tiny_dataset, tiny_config


def test_builder_class_comes_from_the_checkout():
    builder = dataset.builder_class("robustfill")
    assert builder.DOMAIN == "robustfill"
    assert dataset.builder_class("deepcoder").DOMAIN == "deepcoder"


def test_a_missing_builder_is_reported():
    with pytest.raises(dataset.BuilderNotFoundError, match="exedec_scan") as info:
        dataset.builder_class("scan")
    assert isinstance(info.value, ExeDecError)


def test_builds_the_configs_data_and_reuses_it(tmp_path):
    path = build_tiny_dataset(tmp_path)
    config = tiny_config()
    assert path == (
        tmp_path / "exedec_robustfill" / config.data.tfds_config_name / "1.0.0"
    )
    info = tfds.builder_from_directory(str(path)).info
    assert info.splits["train"].num_examples == SIZES["train"][1]
    assert info.splits["valid"].num_examples == SIZES["valid"][1]
    assert info.splits["test_released"].num_examples > 0
    stamp = (path / "dataset_info.json").stat().st_mtime_ns
    assert build_tiny_dataset(tmp_path) == path
    assert (path / "dataset_info.json").stat().st_mtime_ns == stamp
