"""Tests of exedec_tf.training.data: errors that name the bad input.

Loading a real built dataset is exercised by the README's training path; the
pipeline itself is tested in tests/data/pipeline_test.py.
"""

import pytest

from exedec_tf.configs import get_config
from exedec_tf.training import data


def test_missing_dataset_names_the_folder(tmp_path):
    config = get_config("robustfill_synthesizer_tiny")
    with pytest.raises(FileNotFoundError, match="no prepared TFDS dataset at"):
        data.load_examples(config, tmp_path / "nothing")
