"""Loading trained weights from Keras files and training checkpoints."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.configs.registry import get_config
from exedec_tf.serving.trained_model import load_weights, trained_model
from exedec_tf.training.checkpoint_errors import CheckpointMismatchError
from exedec_tf.training.checkpoints import TrainingCheckpoint
from exedec_tf.training.optimizer import make_optimizer
from tests.models.tiny import randomise_weights
from tests.test_case import seeded

CONFIG = get_config("deepcoder_synthesizer_tiny")


def _trained():
    model = trained_model(CONFIG)
    randomise_weights(model, seeded(0))
    return model


def _same(a, b):
    for x, y in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(x, y)


def test_keras_weights_file(tmp_path):
    model = _trained()
    path = tmp_path / "m.weights.h5"
    model.save_weights(str(path))
    _same(trained_model(CONFIG, path), model)


def _checkpoint(tmp_path, model):
    """A checkpoint of the old format, as the first training loop wrote it.

    The weights are held only by the optimizer, by position; they load
    through `exedec_tf.training.legacy_checkpoints`.
    """
    optimizer = keras.optimizers.Adam()
    optimizer.build(model.trainable_variables)
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
    manager = tf.train.CheckpointManager(checkpoint, str(tmp_path / "checkpoints"), 2)
    return manager.save(checkpoint_number=7)


def test_training_checkpoint_folder_and_prefix(tmp_path):
    model = _trained()
    prefix = _checkpoint(tmp_path, model)
    _same(trained_model(CONFIG, tmp_path), model)  # a training workdir
    fresh = trained_model(CONFIG)
    assert load_weights(fresh, prefix) == prefix
    _same(fresh, model)


def test_checkpoint_of_another_config_is_refused(tmp_path):
    _checkpoint(tmp_path, _trained())
    other = trained_model(get_config("robustfill_synthesizer_tiny"))
    with pytest.raises(ValueError, match="trained with another config"):
        load_weights(other, tmp_path)


def test_checkpoint_without_optimizer_variables_is_refused(tmp_path):
    model = _trained()
    tf.train.Checkpoint(model=model).write(str(tmp_path / "ckpt"))
    with pytest.raises(ValueError, match="not a training checkpoint"):
        load_weights(trained_model(CONFIG), tmp_path / "ckpt")


def test_missing_weights(tmp_path):
    model = trained_model(CONFIG)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_weights(model, tmp_path / "no.weights.h5")
    with pytest.raises(FileNotFoundError, match="no \\*.weights.h5 file"):
        load_weights(model, tmp_path)


def test_checkpoint_of_a_model_with_dropout(tmp_path):
    """Dropout seed states are not weights: a small config (dropout on) loads."""
    config = get_config("robustfill_synthesizer_small")
    model = trained_model(config)
    assert any("seed_generator" in v.path for v in model.non_trainable_variables)
    randomise_weights(model, seeded(1))
    _checkpoint(tmp_path, model)
    loaded = trained_model(config, tmp_path)
    for x, y in zip(loaded.trainable_variables, model.trainable_variables, strict=True):
        np.testing.assert_array_equal(x.numpy(), y.numpy())


def _named_checkpoint(tmp_path, model):
    """A checkpoint of the current format, as `exedec_tf.training.loop` writes."""
    optimizer = make_optimizer()
    optimizer.build(model.trainable_variables)
    optimizer.iterations.assign(7)
    return TrainingCheckpoint(model, optimizer, tmp_path / "checkpoints").save()


def test_named_training_checkpoint_folder_and_prefix(tmp_path):
    model = _trained()
    prefix = _named_checkpoint(tmp_path, model)
    assert prefix.endswith("ckpt-7")
    _same(trained_model(CONFIG, tmp_path), model)  # a training workdir
    _same(trained_model(CONFIG, tmp_path / "checkpoints"), model)
    fresh = trained_model(CONFIG)
    assert load_weights(fresh, prefix) == prefix
    _same(fresh, model)


def test_named_checkpoint_of_a_model_with_dropout(tmp_path):
    config = get_config("robustfill_synthesizer_small")
    model = trained_model(config)
    randomise_weights(model, seeded(2))
    _named_checkpoint(tmp_path, model)
    _same(trained_model(config, tmp_path), model)


def test_named_checkpoint_of_another_config_names_the_variable(tmp_path):
    _named_checkpoint(tmp_path, _trained())
    other = trained_model(get_config("robustfill_synthesizer_tiny"))
    with pytest.raises(
        CheckpointMismatchError,
        match=r"ckpt-7: decoder/embed_output/embedding: shape \(\d+, 32\) does not "
        r"match the model's \(\d+, 32\); was it trained with another config",
    ):
        load_weights(other, tmp_path)
    deeper = trained_model(get_config("deepcoder_synthesizer_small"))
    with pytest.raises(CheckpointMismatchError, match="missing \\['decoder/"):
        load_weights(deeper, tmp_path)
