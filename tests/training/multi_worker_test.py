"""Tests of exedec_tf.training.multi_worker: two worker processes on localhost."""

import json
import os
import socket
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.training import loop, multi_worker
from tests.training.loop_test import _config, _examples

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STEPS = dict(num_steps=4, steps_per_loop=2)

_WORKER = textwrap.dedent(
    """
    import sys
    import numpy as np
    sys.path.insert(0, {repo!r})
    from exedec_tf.training import loop, strategy
    from tests.training.loop_test import _config, _examples
    s = strategy.resolve_strategy()
    assert s.num_replicas_in_sync == 2, s.num_replicas_in_sync
    model, history = loop.train(_config(**{steps!r}), _examples(), {workdir!r},
                                strategy=s, verbose=0)
    np.savez(sys.argv[1], *[w.numpy() for w in model.weights],
             loss=history.history["loss"], val_loss=history.history["val_loss"])
    """
)


def _free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("localhost", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


def _run_two_workers(tmp_path, workdir):
    ports = _free_ports(2)
    script = _WORKER.format(repo=REPO, steps=STEPS, workdir=str(workdir))
    workers = []
    for index in range(2):
        tf_config = {
            "cluster": {"worker": [f"localhost:{port}" for port in ports]},
            "task": {"type": "worker", "index": index},
        }
        env = dict(os.environ, TF_CONFIG=json.dumps(tf_config))
        log = open(tmp_path / f"worker{index}.log", "w")
        out = tmp_path / f"worker{index}.npz"
        process = subprocess.Popen(
            [sys.executable, "-c", script, str(out)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        workers.append((process, log, out))
    try:
        for process, _, _ in workers:
            process.wait(timeout=600)
    finally:
        for process, log, _ in workers:
            if process.poll() is None:
                process.kill()
            log.close()
    for index, (process, _, _) in enumerate(workers):
        log = (tmp_path / f"worker{index}.log").read_text()
        assert process.returncode == 0, f"worker {index}:\n{log[-3000:]}"
    return [np.load(out) for _, _, out in workers]


@pytest.mark.slow
def test_fit_with_two_worker_processes_matches_one_device(tmp_path):
    workdir = tmp_path / "run"
    chief, other = _run_two_workers(tmp_path, workdir)

    # Both workers finish with the same weights and logs ...
    weight_keys = [key for key in chief.files if key.startswith("arr_")]
    assert weight_keys
    for key in [*weight_keys, "loss", "val_loss"]:
        np.testing.assert_array_equal(chief[key], other[key])
    # ... and only the chief's checkpoint and summaries are written.
    assert tf.train.latest_checkpoint(str(workdir / "checkpoints")).endswith("-4")
    assert any((workdir / "tensorboard").rglob("*tfevents*"))
    assert sorted(path.name for path in workdir.iterdir()) == [
        "checkpoints",
        "tensorboard",
    ]

    # Two replicas of one group each make the update of one device with both
    # groups: same losses, same weights up to rounding. (Adam turns rounding
    # noise in near-zero gradients, e.g. of rarely used relative-position
    # buckets, into differences up to the learning rate; hence the loose
    # elementwise bound next to the tight mean one.)
    model, history = loop.train(
        _config(**STEPS), _examples(), tmp_path / "one", verbose=0, jit_compile=False
    )
    np.testing.assert_allclose(chief["loss"], history.history["loss"], rtol=1e-4)
    np.testing.assert_allclose(
        chief["val_loss"], history.history["val_loss"], rtol=1e-4
    )
    differences = []
    for key, weight in zip(weight_keys, model.weights, strict=True):
        np.testing.assert_allclose(chief[key], weight.numpy(), atol=2e-3)
        differences.append(np.abs(chief[key] - weight.numpy()).ravel())
    assert np.mean(np.concatenate(differences)) < 1e-5


def test_single_process_strategies_are_left_alone(tmp_path):
    strategy = tf.distribute.get_strategy()
    assert not multi_worker.is_multi_worker(strategy)
    with multi_worker.checkpoint_dir(tmp_path, strategy) as write_dir:
        assert write_dir == tmp_path
    model = object()
    with multi_worker.patched_fit(model, strategy):
        assert not hasattr(model, "_maybe_symbolic_build")
