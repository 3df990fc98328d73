"""Keras 3 `fit` under MultiWorkerMirroredStrategy with several workers.

Keras 3.15 `fit` fails with more than one worker in two places, both known
upstream (keras-team/keras#20329, #20585, open):

* before the first step, `_maybe_symbolic_build` all-reduces the whole first
  batch with one `strategy.reduce` call, which a multi-worker strategy accepts
  only for a single tensor, not a dict or tuple ("Attempt to convert a value
  ({'inputs': PerReplica...}) with an unsupported type (<class 'dict'>)");
* after every step, `reduce_per_replica` averages each logged value with
  `strategy.reduce("MEAN", value, axis=0)`, which fails on the scalar loss and
  metric values ("Invalid reduction dimension 0 for input with 0 dimensions").

`patched_fit` works around both for the duration of one `fit` call: the
symbolic build gets this worker's own part of the batch (only its shapes are
used), and scalar logs are averaged over all replicas with `axis=None`. With
one worker, or any other strategy, it changes nothing.
"""

import contextlib
import pathlib
import tempfile
import types

import tensorflow as tf
from absl import logging
from keras import tree
from keras.src.backend.tensorflow import trainer as keras_tf_trainer


def is_multi_worker(strategy: tf.distribute.Strategy) -> bool:
    """Whether `strategy` spans more than this worker's own devices."""
    return isinstance(strategy, tf.distribute.MultiWorkerMirroredStrategy) and (
        strategy.num_replicas_in_sync > len(strategy.extended.worker_devices)
    )


def _symbolic_build_from_local_batch(model, iterator=None, data_batch=None):
    strategy = model.distribute_strategy
    if iterator is not None:
        for _, _, distributed in iterator:
            data_batch = tree.map_structure(
                lambda value: strategy.experimental_local_results(value)[0],
                next(distributed),
            )
            break
    with strategy.scope():
        model._symbolic_build(data_batch=data_batch)


def _reduce_scalars_over_workers(original):
    def reduce_per_replica(values, strategy, reduction):
        if reduction not in ("auto", "mean") or not is_multi_worker(strategy):
            return original(values, strategy, reduction)

        def reduce_one(value):
            local = strategy.experimental_local_results(value)[0]
            if local.shape.rank == 0:
                return strategy.reduce("MEAN", value, axis=None)
            return original(value, strategy, reduction)

        return tree.map_structure(reduce_one, values)

    return reduce_per_replica


@contextlib.contextmanager
def patched_fit(model, strategy: tf.distribute.Strategy):
    """Lets `model.fit` inside this context run under a multi-worker strategy.

    Args:
      model: the compiled Keras model whose `fit` will be called.
      strategy: the strategy the model was built under.
    """
    if not is_multi_worker(strategy):
        yield
        return
    if not hasattr(model, "_maybe_symbolic_build") or not hasattr(
        keras_tf_trainer, "reduce_per_replica"
    ):
        logging.warning(
            "Keras internals changed; multi-worker fit runs without workarounds"
        )
        yield
        return
    original = keras_tf_trainer.reduce_per_replica
    model._maybe_symbolic_build = types.MethodType(
        _symbolic_build_from_local_batch, model
    )
    keras_tf_trainer.reduce_per_replica = _reduce_scalars_over_workers(original)
    try:
        yield
    finally:
        keras_tf_trainer.reduce_per_replica = original
        del model._maybe_symbolic_build


@contextlib.contextmanager
def checkpoint_dir(workdir, strategy: tf.distribute.Strategy):
    """The folder this worker writes its checkpoints to, for one training run.

    Every worker must take part in saving (a save can need collective ops),
    but only the chief's files are kept: it writes to `workdir`, the other
    workers to a temporary folder removed afterwards.
    """
    if strategy.extended.should_checkpoint:
        yield pathlib.Path(workdir)
        return
    with tempfile.TemporaryDirectory(prefix="exedec_worker_ckpt_") as scratch:
        yield pathlib.Path(scratch)
