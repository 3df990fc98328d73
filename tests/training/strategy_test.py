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
