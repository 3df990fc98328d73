"""The training run: Keras `fit` under a tf.distribute strategy, with resume.

Cadence: `fit` runs "epochs" of `steps_per_loop` updates; after each one the
held-out eval batches are scored, summaries go to TensorBoard and a
checkpoint (`checkpoints.TrainingCheckpoint`: every model variable by name,
the optimiser, the dropout seed states and the data position) is written. A
rerun in the same workdir restores the latest checkpoint and continues the
same run: the optimiser step, the learning-rate schedule, the dropout draws
and the position in the training stream all pick up where the checkpoint
left them, so at most `steps_per_loop` updates are lost.

Under MultiWorkerMirroredStrategy every worker takes its share of each batch
and resumes from the chief's checkpoints in `workdir`; only the chief keeps
checkpoints and writes summaries (see `multi_worker` for the Keras workarounds).
"""

import pathlib

import keras
import tensorflow as tf

from exedec_tf.models import create_model
from exedec_tf.training import data, multi_worker
from exedec_tf.training.checkpoint_callback import SaveTrainingCheckpoint
from exedec_tf.training.checkpoints import TrainingCheckpoint
from exedec_tf.training.loss import GroupedTokenLoss
from exedec_tf.training.metrics import SequenceAccuracy, TokenAccuracy
from exedec_tf.training.optimizer import make_optimizer
from exedec_tf.training.precision import dtype_policy
from exedec_tf.training.strategy import default_jit_compile


def _as_supervised(batch):
    return batch, batch["targets"]


def split_stream(
    examples: tf.data.Dataset, batch_size: int, eval_batches: int, trim=None
):
    """(eval batches, repeated training batches) as the original split them.

    The first `eval_batches` batches of the (unshuffled) training stream are
    held out for evaluation; training uses the rest, repeated forever.
    `trim` (a function of the batched dataset, e.g. `data.trim_batches`)
    cuts padding off every batch, keeping the order.
    """
    batches = examples.batch(batch_size, drop_remainder=True)
    if trim is not None:
        batches = trim(batches)
    # Keras averages the eval loss wrongly over a stream of unknown length
    # (half the true value here), so the eval stream states its length.
    eval_ds = (
        batches.take(eval_batches)
        .map(_as_supervised)
        .cache()
        .apply(tf.data.experimental.assert_cardinality(eval_batches))
    )
    train_ds = batches.skip(eval_batches).repeat().map(_as_supervised)
    return _split_by_batch(eval_ds), _split_by_batch(train_ds)


def _split_by_batch(dataset: tf.data.Dataset) -> tf.data.Dataset:
    """Each worker of a multi-worker strategy takes its share of every batch.

    (The default would shard by input file, which changes the stream's order.)
    """
    options = tf.data.Options()
    options.experimental_distribute.auto_shard_policy = (
        tf.data.experimental.AutoShardPolicy.DATA
    )
    return dataset.with_options(options)


def train(
    config,
    examples: tf.data.Dataset,
    workdir,
    *,
    strategy: tf.distribute.Strategy | None = None,
    num_steps: int | None = None,
    jit_compile: bool | None = None,
    verbose: int | str = "auto",
    callbacks: list[keras.callbacks.Callback] | None = None,
):
    """Trains (or resumes training) one model; returns (model, keras History).

    Args:
      config: a `ExperimentConfig`.
      examples: unbatched model examples from `exedec_tf.data.pipeline`, in
        training-stream order.
      workdir: folder for checkpoints and TensorBoard logs.
      strategy: the tf.distribute strategy (default: the current one).
      num_steps: stop after this many total updates (default: the config's).
      jit_compile: compile the train step with XLA; default:
        `strategy.default_jit_compile` (one GPU: yes; CPU: no).
      verbose: Keras progress-bar setting.
      callbacks: further Keras callbacks, run after the built-in ones
        (checkpointing, then TensorBoard on the summary-writing worker).
    """
    train_cfg = config.train
    strategy = strategy or tf.distribute.get_strategy()
    replicas = strategy.num_replicas_in_sync
    if train_cfg.batch_size % replicas:
        raise ValueError(
            f"batch_size {train_cfg.batch_size} is not divisible by the "
            f"{replicas} replicas"
        )
    per_replica = train_cfg.batch_size // replicas
    group_size = min(train_cfg.group_size, per_replica)
    if per_replica % group_size:
        raise ValueError(
            f"per-replica batch {per_replica} is not a multiple of group_size "
            f"{group_size}"
        )
    total = num_steps or train_cfg.num_steps
    if total % train_cfg.steps_per_loop:
        raise ValueError(
            f"num_steps {total} must be a multiple of steps_per_loop "
            f"{train_cfg.steps_per_loop}"
        )
    if jit_compile is None:
        jit_compile = default_jit_compile(strategy)
    workdir = pathlib.Path(workdir)
    keras.utils.set_random_seed(train_cfg.seed)

    with multi_worker.checkpoint_dir(workdir, strategy) as write_dir:
        model, state = _build(
            config, group_size, jit_compile, strategy, workdir, write_dir
        )
        step = int(state.optimizer.iterations.numpy())
        position = int(state.data_position.numpy())
        if step % train_cfg.steps_per_loop or position != step:
            raise ValueError(
                f"checkpoint at step {step}, data position {position}: not at a "
                f"loop boundary of {train_cfg.steps_per_loop} updates"
            )
        eval_ds, train_ds = split_stream(
            examples,
            train_cfg.batch_size,
            train_cfg.eval_batches,
            trim=lambda batches: data.trim_batches(config, batches),
        )
        # Continue the training stream where the checkpoint left it.
        train_ds = train_ds.skip(position).prefetch(tf.data.AUTOTUNE)
        built_in = [SaveTrainingCheckpoint(state)]
        if strategy.extended.should_save_summary:
            built_in.append(
                keras.callbacks.TensorBoard(log_dir=str(workdir / "tensorboard"))
            )
        with multi_worker.patched_fit(model, strategy):
            history = model.fit(
                train_ds,
                epochs=total // train_cfg.steps_per_loop,
                initial_epoch=step // train_cfg.steps_per_loop,
                steps_per_epoch=train_cfg.steps_per_loop,
                validation_data=eval_ds if train_cfg.eval_batches else None,
                callbacks=[*built_in, *(callbacks or [])],
                verbose=verbose,
            )
    return model, history


def _build(config, group_size, jit_compile, strategy, workdir, write_dir):
    """(model, `TrainingCheckpoint`), restored from `workdir` if saved there.

    Every worker restores the chief's latest checkpoint in `workdir`; each
    writes to `write_dir` (the chief's is `workdir`).
    """
    train_cfg = config.train
    with strategy.scope():
        with dtype_policy(train_cfg.mixed_precision):
            model = create_model(config.model_type, config.model)
        optimizer = make_optimizer(
            train_cfg.learning_rate, train_cfg.warmup_steps, train_cfg.weight_decay
        )
        optimizer.build(model.trainable_variables)
        model.compile(
            optimizer=optimizer,
            loss=GroupedTokenLoss(group_size),
            metrics=[TokenAccuracy(), SequenceAccuracy()],
            jit_compile=jit_compile,
        )
        state = TrainingCheckpoint(
            model, optimizer, write_dir / "checkpoints", max_to_keep=3
        )
        state.restore_latest(workdir / "checkpoints")
    return model, state
