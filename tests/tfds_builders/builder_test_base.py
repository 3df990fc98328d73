"""Hermetic test harness of the ExeDec TFDS builders (tiny scale, dummy files).

The released splits are built from the few real rows kept in each builder's
`dummy_data/data/` (the official `data/` layout: `test_data/<domain>/<EXP>.jsonl`
and `llm_data/<domain>/<EXP>.jsonl`, first rows of the released files), so the
tests need neither the network nor a copy of the released data. The mocked
download returns those files; the harness also checks that every URL the
builder asks for is registered in its `checksums.tsv`. The generated splits
use the `tiny` scale so a whole build takes seconds.

`manual_dir_tests` covers the offline path, where the builder itself checks
each file's registered sha256.
"""

import pathlib
import shutil
import tempfile
import types
import unittest
from unittest import mock

import tensorflow_datasets as tfds

from exedec_tf.data import sources, tfds_base

# Rows kept in every dummy released file (see the builders' READMEs).
DUMMY_TEST_ROWS = 5
DUMMY_LLM_ROWS = 3


def dummy_dir(builder_cls) -> pathlib.Path:
    """The `dummy_data/` folder next to the builder's module."""
    module = __import__(builder_cls.__module__, fromlist=["__file__"])
    return pathlib.Path(module.__file__).resolve().parent / "dummy_data"


def dummy_file(builder_cls, family: str, experiment: str) -> pathlib.Path:
    """The dummy copy of one released file, in the official layout."""
    return (
        dummy_dir(builder_cls)
        / "data"
        / family
        / builder_cls.DOMAIN
        / f"{experiment}.jsonl"
    )


def make_test_case(builder_cls, experiment: str):
    """A DatasetBuilderTestCase class for one experiment of `builder_cls`."""
    domain = builder_cls.DOMAIN
    config = tfds_base.ExeDecConfig(
        name=f"{experiment.lower()}_tiny", experiment=experiment, scale="tiny"
    )
    sizes = config.split_sizes(domain)

    class _TestCase(tfds.testing.DatasetBuilderTestCase):
        DATASET_CLASS = builder_cls
        # The harness also passes this folder as --manual_dir; it has no
        # top-level test_data/ or llm_data/, so the builder "downloads" (the
        # mocked download returns the dummy files below).
        EXAMPLE_DIR = str(dummy_dir(builder_cls))
        BUILDER_CONFIG_NAMES_TO_TEST = [config]
        DL_DOWNLOAD_RESULT = {
            "test_released": f"data/test_data/{domain}/{experiment}.jsonl",
            "llm": f"data/llm_data/{domain}/{experiment}.jsonl",
        }
        SPLITS = {
            "train": sizes["train"].num_tasks,
            "valid": sizes["valid"].num_tasks,
            "test": sizes["test"].num_tasks,
            "test_released": DUMMY_TEST_ROWS,
            "llm": DUMMY_LLM_ROWS,
        }

    return _TestCase


class _ManualDirManager:
    """A stand-in DownloadManager with a manual folder and no network."""

    def __init__(self, manual_dir):
        self.manual_dir = pathlib.Path(manual_dir)

    def download(self, urls):
        raise AssertionError(f"unexpected download of {urls}")


def manual_dir_tests(builder_cls, experiment: str) -> type:
    """Tests of the `--manual_dir` path: files are checked against their sha256."""
    data = dummy_dir(builder_cls) / "data"

    def released_paths(manual_dir):
        builder = types.SimpleNamespace(
            DOMAIN=builder_cls.DOMAIN,
            builder_config=tfds_base.ExeDecConfig(
                name=experiment.lower(), experiment=experiment
            ),
        )
        return builder_cls._released_paths(builder, _ManualDirManager(manual_dir))

    def dummy_checksums():
        # The registry with the dummy files' own size and sha256 registered.
        registered = dict(sources.CHECKSUMS)
        for family in ("test_data", "llm_data"):
            path = dummy_file(builder_cls, family, experiment)
            key = (family, builder_cls.DOMAIN, experiment)
            registered[key] = (path.stat().st_size, sources.sha256_of(path))
        return mock.patch.dict(sources.CHECKSUMS, registered)

    class _ManualDirTest(unittest.TestCase):
        def test_dummy_files_fail_the_registered_checksum(self):
            # The dummy files are excerpts, so the real sha256 rejects them.
            with self.assertRaisesRegex(sources.ChecksumError, experiment):
                released_paths(data)

        def test_files_with_registered_checksums_are_used(self):
            with dummy_checksums():
                paths = released_paths(data)
            self.assertEqual(
                paths,
                {
                    "test_released": dummy_file(builder_cls, "test_data", experiment),
                    "llm": dummy_file(builder_cls, "llm_data", experiment),
                },
            )

        def test_one_changed_byte_is_rejected(self):
            with tempfile.TemporaryDirectory() as tmp:
                shutil.copytree(data, tmp, dirs_exist_ok=True)
                changed = pathlib.Path(
                    tmp, "llm_data", builder_cls.DOMAIN, f"{experiment}.jsonl"
                )
                text = changed.read_text()
                changed.write_text(text.replace("0", "1", 1))
                with dummy_checksums():
                    with self.assertRaisesRegex(sources.ChecksumError, "llm_data"):
                        released_paths(tmp)

    return _ManualDirTest
