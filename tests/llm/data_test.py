"""Loading LLM rows from a directory and from TFDS `llm` split examples."""

import types

import pytest

from exedec_tf.llm import data
from tests.llm.helpers import llm_data_dir


@pytest.mark.parametrize("domain,version", [("deepcoder", 4), ("robustfill", 1)])
def test_rows_from_directory(domain, version):
    rows = data.load_rows(llm_data_dir(), domain, "SWITCH_CONCEPT_ORDER", version)
    assert [r[0] for r in rows] == list(range(10))
    index, shots, test = rows[0]
    assert len(shots) == 4 and test.python_program.startswith("def program(")


def test_unknown_domain():
    with pytest.raises(ValueError, match="'karel'"):
        data.load_rows(llm_data_dir(), "karel", "NONE", 1)


@pytest.mark.parametrize("domain,version", [("deepcoder", 1), ("robustfill", 1)])
def test_tfds_examples_give_the_same_rows(domain, version):
    # The builder's own generator for the `llm` split, without building TFDS.
    builder_module = pytest.importorskip(
        f"exedec_tf.datasets.exedec_{domain}.exedec_{domain}_dataset_builder"
    )
    path = llm_data_dir() / domain / "NONE.jsonl"
    fake_builder = types.SimpleNamespace(DOMAIN=domain)
    examples = list(builder_module.Builder._released_llm(fake_builder, path))
    expected = data.load_rows(llm_data_dir(), domain, "NONE", version)
    got = [data.row_from_tfds_example(ex, domain, version) for _, ex in examples]
    assert got == expected


@pytest.mark.slow
def test_rows_from_a_built_tfds_dataset(tmp_path):
    # Builds the tiny RobustFill NONE config (its `llm` split is the sample).
    tfds = pytest.importorskip("tensorflow_datasets")
    from exedec_tf.data import tfds_base
    from exedec_tf.datasets.exedec_robustfill.exedec_robustfill_dataset_builder import (
        Builder,
    )

    config = tfds_base.ExeDecConfig(name="none_tiny", experiment="NONE", scale="tiny")
    builder = Builder(config=config, data_dir=str(tmp_path))
    builder.download_and_prepare(
        download_config=tfds.download.DownloadConfig(
            manual_dir=str(llm_data_dir().parent)
        )
    )
    rows = data.load_rows_tfds("robustfill", "NONE", 1, data_dir=tmp_path)
    assert rows == data.load_rows(llm_data_dir(), "robustfill", "NONE", 1)


def test_missing_tfds_dataset_says_how_to_build(tmp_path):
    with pytest.raises(FileNotFoundError, match="tfds build"):
        data.find_tfds_dataset(tmp_path, "deepcoder", "COMPOSE_NEW_OP")
