"""A DatasetBuilderTestCase preset for the ExeDec builders at tiny scale.

The released files are read from the shared copy of the official data (the
test points the mocked download at it), the generated splits use the `tiny`
scale so the whole build takes seconds.
"""

import os
import pathlib

import tensorflow_datasets as tfds

from exedec_tf.data import tfds_base

_REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = pathlib.Path(
    os.environ.get("EXEDEC_SHARED_DATA", _REPO.parent / "shared" / "exedec_data")
)


def make_test_case(builder_cls, domain: str, experiment: str):
    """Returns a DatasetBuilderTestCase class for one experiment of one domain."""
    sizes = tfds_base.SCALES[domain]["tiny"]

    class _TestCase(tfds.testing.DatasetBuilderTestCase):
        DATASET_CLASS = builder_cls
        EXAMPLE_DIR = str(SHARED)
        BUILDER_CONFIG_NAMES_TO_TEST = [
            tfds_base.ExeDecConfig(
                name=f"{experiment.lower()}_tiny", experiment=experiment, scale="tiny"
            )
        ]
        DL_DOWNLOAD_RESULT = {
            "test_released": f"test_data/{domain}/{experiment}.jsonl",
            "llm": f"llm_data_sample/{domain}/{experiment}.jsonl",
        }
        SPLITS = {
            "train": sizes["train"].num_tasks,
            "valid": sizes["valid"].num_tasks,
            "test": sizes["test"].num_tasks,
            "test_released": 1000,
            "llm": 10,
        }

        @classmethod
        def setUpClass(cls):
            if not (SHARED / "test_data").is_dir():
                import unittest

                raise unittest.SkipTest(f"released data not found at {SHARED}")
            super().setUpClass()

    return _TestCase
