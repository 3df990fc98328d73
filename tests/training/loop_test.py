"""Tests of exedec_tf.training.loop: learning, resume, distribution."""

import os
import subprocess
import sys
import textwrap

import keras
import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.configs import get_config
from exedec_tf.data import pipeline
from exedec_tf.models import create_model
from exedec_tf.training import loop
from exedec_tf.training.checkpoints import TrainingCheckpoint
from exedec_tf.training.loss import GroupedTokenLoss
from exedec_tf.training.optimizer import make_optimizer
from tests.data.pipeline_test import _first, _tfds_like

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _examples(count=8):
    """DeepCoder joint-model steps of one released problem, repeated."""
    ds = _tfds_like("deepcoder", _first("deepcoder"))
    examples = pipeline.model_examples(
        ds,
        domain="deepcoder",
        model_type="joint_model",
        num_examples=3,
        max_input_length=60,
        max_target_length=6,
    )
    return examples.take(count).cache().repeat(200)


def _config(**train):
    defaults = dict(eval_batches=1, batch_size=4, group_size=2)
    defaults.update(train)
    return get_config("deepcoder_joint_tiny", **defaults)


def test_resume_continues_the_same_run(tmp_path):
    config = _config(num_steps=6, steps_per_loop=3)
    straight, _ = loop.train(
        config, _examples(), tmp_path / "a", verbose=0, jit_compile=False
    )
    # The same run interrupted after the first loop, then restarted.
    loop.train(
        config, _examples(), tmp_path / "b", num_steps=3, verbose=0, jit_compile=False
    )
    resumed, history = loop.train(
        config, _examples(), tmp_path / "b", verbose=0, jit_compile=False
    )
    assert len(history.history["loss"]) == 1  # only the remaining loop ran
    assert int(resumed.optimizer.iterations.numpy()) == 6
    for a, b in zip(straight.weights, resumed.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-5, atol=1e-6)
    assert any((tmp_path / "b" / "tensorboard").rglob("*tfevents*"))


def _with_dropout(config, rate=0.1):
    return config.override(
        {"model.dropout_rate": rate, "model.attention_dropout_rate": rate}
    )


def test_resume_with_dropout_repeats_the_interrupted_run(tmp_path):
    config = _with_dropout(_config(num_steps=6, steps_per_loop=3))
    straight, full = loop.train(
        config, _examples(), tmp_path / "a", verbose=0, jit_compile=False
    )
    loop.train(
        config, _examples(), tmp_path / "b", num_steps=3, verbose=0, jit_compile=False
    )
    resumed, rest = loop.train(
        config, _examples(), tmp_path / "b", verbose=0, jit_compile=False
    )
    # Same dropout draws and data after the restart: same losses, same weights.
    for key in ("loss", "val_loss", "token_accuracy"):
        np.testing.assert_allclose(rest.history[key], full.history[key][1:], rtol=1e-6)
    assert len(straight.variables) > len(straight.weights)  # seed states exist
    for a, b in zip(straight.variables, resumed.variables, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-5, atol=1e-6)
    # Dropout is really on: an evaluation-mode pass gives another loss.
    assert full.history["loss"][-1] != pytest.approx(full.history["val_loss"][-1])


def test_resume_from_a_checkpoint_of_the_old_format(tmp_path):
    config = _config(num_steps=6, steps_per_loop=3)
    straight, _ = loop.train(
        config, _examples(), tmp_path / "a", verbose=0, jit_compile=False
    )
    first, _ = loop.train(
        config, _examples(), tmp_path / "b", num_steps=3, verbose=0, jit_compile=False
    )
    # What the first training loop wrote after 3 updates.
    old = tf.train.Checkpoint(model=first, optimizer=first.optimizer)
    tf.train.CheckpointManager(old, str(tmp_path / "c" / "checkpoints"), 3).save(3)
    resumed, history = loop.train(
        config, _examples(), tmp_path / "c", verbose=0, jit_compile=False
    )
    assert len(history.history["loss"]) == 1
    for a, b in zip(straight.weights, resumed.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-5, atol=1e-6)
    # The checkpoint written after resuming is of the named format.
    model = create_model(config.model_type, config.model)
    optimizer = make_optimizer()
    optimizer.build(model.trainable_variables)
    state = TrainingCheckpoint(model, optimizer, tmp_path / "unused")
    assert state.restore_latest(tmp_path / "c" / "checkpoints").endswith("ckpt-6")
    assert int(state.data_position.numpy()) == 6


class _Recorder(keras.callbacks.Callback):
    def __init__(self, workdir):
        super().__init__()
        self.workdir = workdir
        self.seen = []

    def on_epoch_end(self, epoch, logs=None):
        latest = tf.train.latest_checkpoint(str(self.workdir / "checkpoints"))
        self.seen.append((epoch, latest.rsplit("-", 1)[-1]))


def test_user_callbacks_run_after_the_checkpoint_is_written(tmp_path):
    recorder = _Recorder(tmp_path)
    loop.train(
        _config(num_steps=4, steps_per_loop=2, eval_batches=0),
        _examples(),
        tmp_path,
        verbose=0,
        jit_compile=False,
        callbacks=[recorder],
    )
    assert recorder.seen == [(0, "2"), (1, "4")]


def test_xla_train_step_runs(tmp_path):
    config = _config(num_steps=2, steps_per_loop=2, eval_batches=0)
    model, history = loop.train(
        config, _examples(), tmp_path, verbose=0, jit_compile=True
    )
    assert np.isfinite(history.history["loss"][0])


def test_eval_loss_is_the_loss_of_the_held_out_batches(tmp_path):
    config = _config(num_steps=2, steps_per_loop=2, eval_batches=1)
    model, history = loop.train(
        config, _examples(), tmp_path, verbose=0, jit_compile=False
    )
    eval_ds, _ = loop.split_stream(_examples(), batch_size=4, eval_batches=1)
    (inputs, targets) = next(iter(eval_ds))
    expected = GroupedTokenLoss(2)(targets, model(inputs, training=False))
    np.testing.assert_allclose(history.history["val_loss"][-1], expected, rtol=1e-5)


def test_bad_sizes_are_named(tmp_path):
    with pytest.raises(ValueError, match="multiple of steps_per_loop"):
        loop.train(
            _config(num_steps=5, steps_per_loop=2), _examples(), tmp_path, verbose=0
        )


@pytest.mark.slow
def test_tiny_model_overfits_a_handful_of_tasks(tmp_path):
    config = get_config(
        "deepcoder_joint_tiny", num_steps=100, steps_per_loop=50, eval_batches=0
    )
    _, history = loop.train(
        config, _examples(8), tmp_path, verbose=0, jit_compile=False
    )
    assert history.history["sequence_accuracy"][-1] == 1.0
    assert history.history["loss"][-1] < history.history["loss"][0]


_MIRRORED = textwrap.dedent(
    """
    import sys, tensorflow as tf
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    sys.path.insert(0, {repo!r})
    from exedec_tf.training import loop, strategy
    from tests.training.loop_test import _config, _examples
    s = strategy.resolve_strategy()
    assert s.num_replicas_in_sync == 2, s
    model, history = loop.train(_config(num_steps=2, steps_per_loop=2), _examples(),
                                {workdir!r}, strategy=s, verbose=0)
    print("LOSS", history.history["loss"][-1])
    """
)


@pytest.mark.slow
def test_fit_under_mirrored_strategy_with_two_cpu_devices(tmp_path):
    script = _MIRRORED.format(repo=REPO, workdir=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    loss = float(result.stdout.split("LOSS")[-1])
    assert np.isfinite(loss)
