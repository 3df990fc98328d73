"""Tests of exedec_tf.training.strategy (single process, one CPU device).

MirroredStrategy over two logical CPUs and MultiWorkerMirroredStrategy over two
processes are covered by loop_test.py and multi_worker_test.py.
"""

import json

import tensorflow as tf

from exedec_tf.training import strategy


def test_one_device_gets_the_default_strategy(monkeypatch):
    monkeypatch.delenv("TF_CONFIG", raising=False)
    resolved = strategy.resolve_strategy()
    assert resolved is tf.distribute.get_strategy()
    assert strategy.is_single_device(resolved)


def test_tf_config_without_a_cluster_is_ignored(monkeypatch):
    monkeypatch.setenv("TF_CONFIG", json.dumps({"task": {"type": "worker"}}))
    assert strategy.resolve_strategy() is tf.distribute.get_strategy()


def test_the_xla_default_is_on_for_one_gpu_only(monkeypatch):
    single = tf.distribute.get_strategy()
    gpu = [tf.config.LogicalDevice("/device:GPU:0", "GPU")]
    monkeypatch.setattr(tf.config, "list_logical_devices", lambda kind=None: gpu)
    assert strategy.default_jit_compile(single) is True
    monkeypatch.setattr(tf.config, "list_logical_devices", lambda kind=None: [])
    assert strategy.default_jit_compile(single) is False


def test_the_xla_default_is_off_across_replicas(monkeypatch):
    gpu = [tf.config.LogicalDevice("/device:GPU:0", "GPU")]
    monkeypatch.setattr(tf.config, "list_logical_devices", lambda kind=None: gpu)

    class TwoReplicas:
        num_replicas_in_sync = 2

    assert strategy.default_jit_compile(TwoReplicas()) is False
