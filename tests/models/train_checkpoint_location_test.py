"""Locating a checkpoint in train.py's directory layout."""

import dataclasses

import pytest

from exedec_tf.models.checkpoint_config import infer_checkpoint_config
from exedec_tf.models.flax_checkpoint import write_flax_checkpoint
from exedec_tf.models.train_checkpoint_location import locate_train_checkpoint
from exedec_tf.models.train_hparams import CheckpointConfigError
from tests.models.train_checkpoints import write_train_checkpoint


def test_no_hparam_directory_or_several_runs(tmp_path, small_synthesizer):
    _, hparams, params = small_synthesizer
    write_flax_checkpoint(tmp_path / "plain" / "checkpoint_5", params)
    location = locate_train_checkpoint(tmp_path / "plain")
    assert location.hparams is None
    with pytest.raises(CheckpointConfigError, match="not lie in a train.py hparam"):
        infer_checkpoint_config(location, params)
    for seed in (1, 2):
        write_train_checkpoint(
            tmp_path / "two",
            "robustfill",
            "synthesizer_model",
            dataclasses.replace(hparams, seed=seed),
            params,
        )
    with pytest.raises(CheckpointConfigError, match="holds 2 runs; give one"):
        locate_train_checkpoint(tmp_path / "two" / "robustfill" / "synthesizer_model")
    with pytest.raises(FileNotFoundError, match="no checkpoint_<step> file"):
        locate_train_checkpoint(tmp_path / "two")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        locate_train_checkpoint(tmp_path / "missing")
