"""Choosing the tf.distribute strategy from the environment."""

import json
import os

import tensorflow as tf
from absl import logging


def resolve_strategy(tpu: str | None = None) -> tf.distribute.Strategy:
    """Returns the strategy to train under.

    * `tpu` given: TPUStrategy on that TPU (name, or "local").
    * `TF_CONFIG` set with a cluster: MultiWorkerMirroredStrategy.
    * several local GPUs, or several logical CPU devices: MirroredStrategy.
    * otherwise: the default (single-device) strategy.
    """
    if tpu:
        resolver = tf.distribute.cluster_resolver.TPUClusterResolver(
            tpu="" if tpu == "local" else tpu
        )
        tf.config.experimental_connect_to_cluster(resolver)
        tf.tpu.experimental.initialize_tpu_system(resolver)
        logging.info("Training on TPU %s", tpu)
        return tf.distribute.TPUStrategy(resolver)
    tf_config = os.environ.get("TF_CONFIG")
    if tf_config and json.loads(tf_config).get("cluster"):
        logging.info("Training with MultiWorkerMirroredStrategy (TF_CONFIG)")
        return tf.distribute.MultiWorkerMirroredStrategy()
    gpus = tf.config.list_logical_devices("GPU")
    if len(gpus) > 1:
        return tf.distribute.MirroredStrategy([d.name for d in gpus])
    cpus = tf.config.list_logical_devices("CPU")
    if not gpus and len(cpus) > 1:
        return tf.distribute.MirroredStrategy([d.name for d in cpus])
    return tf.distribute.get_strategy()


def is_single_device(strategy: tf.distribute.Strategy) -> bool:
    """Whether XLA compilation of the train step is safe (one replica)."""
    return strategy.num_replicas_in_sync == 1 and not isinstance(
        strategy, tf.distribute.TPUStrategy
    )


def default_jit_compile(strategy: tf.distribute.Strategy) -> bool:
    """Whether the train step is XLA-compiled when the caller does not say.

    On one GPU, yes. On CPU, no: the plain graph step was faster than the
    XLA one on every config measured (README, Benchmarks: XLA's CPU backend
    runs the step's many small batched einsums, gathers and transposes as
    its own loops instead of TensorFlow's oneDNN kernels). Under several
    replicas, no (XLA fails across MirroredStrategy replicas here); a TPU
    compiles every step anyway.
    """
    if not is_single_device(strategy):
        return False
    return bool(tf.config.list_logical_devices("GPU"))
