"""Training throughput on this machine: examples/s and share of matmul peak.

For each named config: build the model, run `--steps` training updates on a
synthetic batch of the config's static shapes (after `--warmup` untimed
updates, which include tracing/compilation), and report training examples
per second. The FLOPs of one update are taken as 3x the forward pass's FLOPs
(counted by TensorFlow's graph profiler); dividing the achieved FLOP/s by a
float32 matmul rate measured just before each config gives the share of the
machine's peak.

Usage:
  python scripts/benchmarks/training.py --configs=robustfill_synthesizer_small
  python scripts/benchmarks/training.py \
    --configs=robustfill_synthesizer_small,robustfill_synthesizer_paper --steps=5
"""

import json
import pathlib
import time

import numpy as np
import tensorflow as tf
from absl import app, flags

from exedec_tf.configs import get_config
from exedec_tf.models import create_model
from exedec_tf.training.loss import GroupedTokenLoss
from exedec_tf.training.optimizer import make_optimizer

_CONFIGS = flags.DEFINE_list(
    "configs",
    ["robustfill_synthesizer_small", "robustfill_synthesizer_paper"],
    "Named configs to time.",
)
_BATCH = flags.DEFINE_integer("batch_size", 16, "Batch size (one loss group).")
_STEPS = flags.DEFINE_integer("steps", 10, "Timed updates.")
_WARMUP = flags.DEFINE_integer("warmup", 2, "Untimed updates first.")
_JIT = flags.DEFINE_bool("jit_compile", True, "Compile the step with XLA.")
_JSON = flags.DEFINE_string("json_out", None, "Optional path for results as JSON.")


def matmul_peak(n: int = 2048, reps: int = 10) -> float:
    """Measured float32 matmul FLOP/s of TensorFlow on this machine."""
    a = tf.random.normal((n, n))
    b = tf.random.normal((n, n))
    matmul = tf.function(lambda: tf.matmul(a, b))
    matmul().numpy()
    start = time.perf_counter()
    for _ in range(reps):
        matmul().numpy()
    return 2 * n**3 * reps / (time.perf_counter() - start)


def _batch(config, batch_size: int, rng) -> dict:
    n, length, t = (
        config.data.num_examples,
        config.data.max_input_length,
        config.data.max_target_length,
    )
    spec = config.model.vocab_size
    out = config.model.output_vocab_size
    return {
        "inputs": rng.integers(3, spec, (batch_size, n, length)).astype(np.int32),
        "outputs": rng.integers(3, spec, (batch_size, n, length)).astype(np.int32),
        "targets": rng.integers(3, out, (batch_size, t)).astype(np.int32),
    }


def forward_flops(model, batch) -> float:
    """FLOPs of one forward pass, from TensorFlow's graph profiler."""
    specs = {k: tf.TensorSpec(v.shape, tf.int32) for k, v in batch.items()}
    concrete = tf.function(lambda b: model(b, training=False)).get_concrete_function(
        specs
    )
    options = tf.compat.v1.profiler.ProfileOptionBuilder.float_operation()
    options["output"] = "none"
    profile = tf.compat.v1.profiler.profile(concrete.graph, options=options)
    return float(profile.total_float_ops)


def time_config(name: str, peak: float) -> dict:
    """Times training updates of one config; returns its figures."""
    config = get_config(name)
    rng = np.random.default_rng(0)
    batch = _batch(config, _BATCH.value, rng)
    model = create_model(config.model_type, config.model)
    model.compile(
        optimizer=make_optimizer(1e-3, 10),
        loss=GroupedTokenLoss(_BATCH.value),
        jit_compile=_JIT.value,
    )
    for _ in range(_WARMUP.value):
        model.train_on_batch(batch, batch["targets"])
    start = time.perf_counter()
    for _ in range(_STEPS.value):
        model.train_on_batch(batch, batch["targets"])
    seconds = (time.perf_counter() - start) / _STEPS.value
    flops = 3 * forward_flops(model, batch)
    return {
        "parameters": model.count_params(),
        "seconds_per_step": seconds,
        "examples_per_s": _BATCH.value / seconds,
        "gflops_per_step": flops / 1e9,
        "share_of_matmul_peak": flops / seconds / peak,
    }


def main(argv):
    del argv
    results = {}
    for name in _CONFIGS.value:
        # The peak is measured next to each config: on a shared machine the
        # load, and so the attainable rate, changes over a run.
        peak = matmul_peak()
        r = time_config(name, peak)
        r["matmul_peak_gflops"] = peak / 1e9
        results[name] = r
        print(
            f"{name:32s} {r['parameters']:>11,d} params  "
            f"{r['seconds_per_step']:.3f} s/step  "
            f"{r['examples_per_s']:8.1f} examples/s  "
            f"{r['gflops_per_step']:8.1f} GFLOP/step  "
            f"{100 * r['share_of_matmul_peak']:.1f}% of a "
            f"{peak / 1e9:.0f} GFLOP/s matmul peak",
            flush=True,
        )
    if _JSON.value:
        pathlib.Path(_JSON.value).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    app.run(main)
