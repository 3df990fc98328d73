"""Tests of exedec_tf.training.checkpoints: the named training-checkpoint format."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.configs import get_config
from exedec_tf.models import create_model
from exedec_tf.training import checkpoints
from exedec_tf.training.checkpoint_errors import CheckpointMismatchError
from exedec_tf.training.checkpoints import PARAMS, RNG, TrainingCheckpoint
from exedec_tf.training.optimizer import make_optimizer
from tests.models.tiny import randomise_weights
from tests.test_case import seeded

MODEL_TYPES = ("spec_decomposer", "synthesizer", "joint", "baseline")


def _config(short="synthesizer", domain="robustfill", dropout=0.1, **model):
    """A tiny config; dropout on by default so that there are RNG states."""
    changes = {"model.dropout_rate": dropout, "model.attention_dropout_rate": dropout}
    changes.update({f"model.{name}": value for name, value in model.items()})
    return get_config(f"{domain}_{short}_tiny").override(changes)


def _state(config, directory, seed=0):
    """A TrainingCheckpoint of a fresh model whose every variable is random."""
    rng = seeded(seed)
    model = create_model(config.model_type, config.model)
    optimizer = make_optimizer()
    optimizer.build(model.trainable_variables)
    randomise_weights(model, rng)
    state = TrainingCheckpoint(model, optimizer, directory)
    for variable in optimizer.variables:
        if variable is optimizer.iterations:
            variable.assign(7)
        else:
            variable.assign(rng.standard_normal(variable.shape).astype("float32"))
    for variable in state.rng.values():
        variable.assign(rng.integers(0, 2**31, variable.shape))
    state.data_position.assign(7)
    return state


@pytest.mark.parametrize("short", MODEL_TYPES)
def test_every_model_variable_is_stored_under_its_name(tmp_path, short):
    state = _state(_config(short), tmp_path)
    model = state.model
    prefix = state.save()
    reader = tf.train.load_checkpoint(prefix)
    named = [(PARAMS, n, v) for n, v in state.params.items()] + [
        (RNG, n, v) for n, v in state.rng.items()
    ]
    # Every model variable, weight or seed state, has exactly one name ...
    assert sorted(id(v) for _, _, v in named) == sorted(id(v) for v in model.variables)
    assert len(state.params) == len(model.weights)
    assert len(state.rng) > 0
    # ... and the checkpoint holds its own value under that name.
    for group, name, variable in named:
        key = checkpoints.checkpoint_key(group, name)
        np.testing.assert_array_equal(reader.get_tensor(key), variable.numpy())
    # Weights are stored under their Flax paths, never through the optimizer.
    assert "encoder/embed/embedding" in state.params
    assert not [k for k in reader.get_variable_to_shape_map() if "_trainable" in k]
    assert reader.get_tensor("data_position/.ATTRIBUTES/VARIABLE_VALUE") == 7


def test_rng_names_do_not_depend_on_keras_counters():
    config = _config()
    first = create_model(config.model_type, config.model)
    create_model(config.model_type, config.model)  # moves Keras' name counters
    third = create_model(config.model_type, config.model)
    assert [v.path for v in first.non_trainable_variables] != [
        v.path for v in third.non_trainable_variables
    ]
    assert list(checkpoints.rng_states(first)) == list(checkpoints.rng_states(third))
    assert (
        "decoder/encoderdecoderblock_0/RelativeSelfAttention_0/attention_dropout/"
        "seed_generator" in checkpoints.rng_states(first)
    )


def test_round_trip_restores_every_variable(tmp_path):
    config = _config()
    saved = _state(config, tmp_path / "a", seed=1)
    prefix = saved.save()
    restored = _state(config, tmp_path / "b", seed=2)
    assert restored.restore_latest(tmp_path / "a") == prefix
    pairs = [
        *zip(saved.model.variables, restored.model.variables, strict=True),
        *zip(saved.optimizer.variables, restored.optimizer.variables, strict=True),
        (saved.data_position, restored.data_position),
    ]
    for a, b in pairs:
        np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_empty_folder_restores_nothing(tmp_path):
    state = _state(_config(), tmp_path)
    before = state.params["encoder/embed/embedding"].numpy()
    assert state.restore_latest(tmp_path / "none") is None
    np.testing.assert_array_equal(state.params["encoder/embed/embedding"], before)


def test_another_shape_is_named_with_both_shapes(tmp_path):
    _state(_config(), tmp_path).save()
    other = _state(_config(mlp_dim=48), tmp_path / "other")
    with pytest.raises(
        CheckpointMismatchError,
        match=r"ckpt-7: params decoder/encoderdecoderblock_0/MLPBlock_0/Dense_0/"
        r"bias has shape \(64,\), the model expects \(48,\)",
    ):
        other.restore_latest(tmp_path)


def test_missing_and_unexpected_variables_are_named(tmp_path):
    _state(_config(), tmp_path).save()
    deeper = _state(_config(num_layers=2), tmp_path / "other")
    with pytest.raises(
        CheckpointMismatchError,
        match=r"missing \['decoder/encoderdecoderblock_1/.*unexpected \[\]",
    ):
        deeper.restore_latest(tmp_path)
    without_dropout = _state(_config(dropout=0.0), tmp_path / "third")
    with pytest.raises(
        CheckpointMismatchError, match=r"model's rng: missing \[\], unexpected"
    ):
        without_dropout.restore_latest(tmp_path)


def _legacy_checkpoint(state, directory, step=3):
    """A checkpoint as the first training loop wrote it."""
    state.optimizer.iterations.assign(step)
    checkpoint = tf.train.Checkpoint(model=state.model, optimizer=state.optimizer)
    manager = tf.train.CheckpointManager(checkpoint, str(directory), max_to_keep=3)
    return manager.save(checkpoint_number=step)


def test_legacy_checkpoint_restores_weights_optimizer_and_position(tmp_path):
    config = _config(dropout=0.0)
    old = _state(config, tmp_path / "unused", seed=3)
    _legacy_checkpoint(old, tmp_path / "old")
    state = _state(config, tmp_path / "new", seed=4)
    state.restore_latest(tmp_path / "old")
    for a, b in [
        *zip(old.model.weights, state.model.weights, strict=True),
        *zip(old.optimizer.variables, state.optimizer.variables, strict=True),
    ]:
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    assert int(state.data_position.numpy()) == 3


def _assert_same_weights(a, b):
    for x, y in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(x.numpy(), y.numpy())


def test_load_model_weights_reads_the_named_format(tmp_path):
    config = _config()
    saved = _state(config, tmp_path, seed=5)
    prefix = saved.save()
    assert set(checkpoints.read_model_weights(prefix)) == set(saved.params)
    model = create_model(config.model_type, config.model)
    checkpoints.load_model_weights(model, prefix)
    _assert_same_weights(model, saved.model)


def test_load_model_weights_reads_the_legacy_format_by_position(tmp_path):
    config = _config()
    old = _state(config, tmp_path / "unused", seed=6)
    prefix = _legacy_checkpoint(old, tmp_path)
    model = create_model(config.model_type, config.model)
    checkpoints.load_model_weights(model, prefix)
    _assert_same_weights(model, old.model)
    with pytest.raises(CheckpointMismatchError, match="holds no params"):
        checkpoints.read_model_weights(prefix)  # the by-name reader only


def test_a_model_only_checkpoint_is_not_a_training_checkpoint(tmp_path):
    config = _config()
    model = create_model(config.model_type, config.model)
    prefix = tf.train.Checkpoint(model=model).write(str(tmp_path / "ckpt"))
    with pytest.raises(CheckpointMismatchError, match="not a training checkpoint"):
        checkpoints.load_model_weights(model, prefix)


class _HiddenGenerator(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self._generator = keras.random.SeedGenerator(1)


def test_a_seed_state_without_a_name_is_refused():
    with pytest.raises(ValueError, match="seed_generator_state is neither a weight"):
        checkpoints.rng_states(_HiddenGenerator())
