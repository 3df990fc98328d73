"""Training throughput on this machine: examples/s and share of matmul peak.

For each named config, the first `--batch_size` model examples of the
released NONE test problems (real lengths) are padded to the config's static
shapes, and training updates are timed for every variant asked for:

* `--jit_compile`: `true` (XLA), `false` (plain graph) or `both`;
* `--buckets`: `off` (fully padded), `on` (trimmed to bucketed lengths as
  `TrainConfig.length_buckets` does) or `both`;
* `--mixed_precision`: `float32`, `bfloat16` or `both`.

The variants take turns, one update each, for `--steps` rounds (after
`--warmup` untimed rounds, which include tracing and compilation), so a
changing load on a shared machine hits them alike; the median is reported,
with the ratio to the first variant. The FLOPs of one update are 3x the
forward pass's FLOPs (TensorFlow's graph profiler), counted two ways:
`padded`, at the config's full shapes, and `useful`, at the batch trimmed to
its longest real row in every field (no bucket rounding). Dividing by the
step time and by a matmul rate measured next to each config (float32, or
bfloat16 for bfloat16 variants) gives the shares of the machine's peak.

`--curve_steps=N` instead trains the first config in float32 and in bfloat16
on the same stream of released examples for N updates each and prints both
loss curves and their speeds.

Usage:
  python scripts/benchmarks/training.py --configs=robustfill_synthesizer_small
  python scripts/benchmarks/training.py --configs=robustfill_spec_decomposer_small \
    --jit_compile=both --buckets=both --steps=5
  python scripts/benchmarks/training.py --configs=robustfill_synthesizer_small \
    --curve_steps=300
"""

import functools
import itertools
import json
import os
import pathlib
import statistics
import time

import keras
import numpy as np
import tensorflow as tf
from absl import app, flags

from exedec_tf import domains
from exedec_tf.configs import get_config
from exedec_tf.data import length_buckets, pipeline, released
from exedec_tf.data.tfds_base import task_example
from exedec_tf.domains.records import Task
from exedec_tf.models import create_model
from exedec_tf.training import data
from exedec_tf.training.loss import GroupedTokenLoss
from exedec_tf.training.optimizer import make_optimizer
from exedec_tf.training.precision import dtype_policy

_REPO = pathlib.Path(__file__).resolve().parents[2]
_CONFIGS = flags.DEFINE_list(
    "configs",
    ["robustfill_synthesizer_small", "robustfill_spec_decomposer_small"],
    "Named configs to time.",
)
_BATCH = flags.DEFINE_integer("batch_size", 16, "Batch size (one loss group).")
_STEPS = flags.DEFINE_integer("steps", 5, "Timed rounds (one update per variant).")
_WARMUP = flags.DEFINE_integer("warmup", 1, "Untimed rounds first.")
_JIT = flags.DEFINE_enum(
    "jit_compile", "both", ["true", "false", "both"], "XLA, plain graph, or both."
)
_BUCKETS = flags.DEFINE_enum(
    "buckets", "both", ["off", "on", "both"], "Padded, bucketed, or both."
)
_PRECISION = flags.DEFINE_enum(
    "mixed_precision", "float32", ["float32", "bfloat16", "both"], "Compute dtype."
)
_DATA = flags.DEFINE_string(
    "data_dir",
    str(_REPO.parent / "shared" / "exedec_data"),
    "Folder holding the released test_data/.",
)
_CURVE = flags.DEFINE_integer(
    "curve_steps", 0, "If > 0: float32 vs bfloat16 loss curves of this length."
)
_JSON = flags.DEFINE_string("json_out", None, "Optional path for results as JSON.")


def matmul_peak(dtype=tf.float32, n: int = 2048, reps: int = 10) -> float:
    """Measured matmul FLOP/s of TensorFlow on this machine."""
    a = tf.cast(tf.random.normal((n, n)), dtype)
    b = tf.cast(tf.random.normal((n, n)), dtype)
    matmul = tf.function(lambda: tf.matmul(a, b))
    matmul().numpy()
    start = time.perf_counter()
    for _ in range(reps):
        matmul().numpy()
    return 2 * n**3 * reps / (time.perf_counter() - start)


@functools.cache
def _released_tasks(domain: str, count: int = 200) -> tf.data.Dataset:
    """The first `count` released NONE test problems as TFDS-like examples."""
    problems = released.read_test_data(
        pathlib.Path(_DATA.value) / "test_data", domain, "NONE"
    )[:count]
    dsl = domains.get(domain)
    examples = []
    for problem in problems:
        steps = tuple(dsl.decompose(problem.program, problem.inputs))
        task = Task(problem.inputs, problem.outputs, problem.program, steps)
        example = task_example(problem.index, task)
        example.pop("few_shot", None)
        example["steps"] = {
            key: tf.constant([s[key] for s in example["steps"]])
            for key in example["steps"][0]
        }
        examples.append(tf.data.Dataset.from_tensors(example))
    return functools.reduce(lambda a, b: a.concatenate(b), examples)


def real_batches(config, batch_size: int) -> tf.data.Dataset:
    """Fully padded batches of the config's model examples, in stream order."""
    examples = pipeline.model_examples(
        _released_tasks(config.domain),
        domain=config.domain,
        model_type=config.model_type,
        num_examples=config.data.num_examples,
        max_input_length=config.data.max_input_length,
        max_target_length=config.data.max_target_length,
    )
    return examples.batch(batch_size, drop_remainder=True)


def _first(dataset) -> dict:
    return {k: v.numpy() for k, v in next(iter(dataset)).items()}


def tight(batch: dict) -> dict:
    """The batch cut to its longest real row in every field."""
    ladders = {k: tuple(range(1, v.shape[-1] + 1)) for k, v in batch.items()}
    out = length_buckets.trim_batch(batch, ladders)
    return {k: np.asarray(v) for k, v in out.items()}


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


def _model(config, jit: bool, precision: str, batch_size: int):
    keras.utils.set_random_seed(config.train.seed)
    with dtype_policy(precision):
        model = create_model(config.model_type, config.model)
    model.compile(
        optimizer=make_optimizer(1e-3, 10),
        loss=GroupedTokenLoss(batch_size),
        jit_compile=jit,
    )
    return model


def _variants():
    jits = {"true": [True], "false": [False], "both": [True, False]}[_JIT.value]
    buckets = {"off": [False], "on": [True], "both": [False, True]}[_BUCKETS.value]
    precisions = {"both": ["float32", "bfloat16"]}.get(
        _PRECISION.value, [_PRECISION.value]
    )
    return list(itertools.product(buckets, jits, precisions))


def _label(bucketed, jit, precision):
    return (
        f"{'bucketed' if bucketed else 'padded'} {'xla' if jit else 'graph'} "
        f"{precision}"
    )


def time_config(name: str) -> dict:
    """Times every variant of one config in alternation; returns its figures."""
    config = get_config(name)
    batch_size = _BATCH.value
    padded_ds = real_batches(config, batch_size)
    batches = {
        False: _first(padded_ds),
        True: _first(data.trim_batches(config, padded_ds)),
    }
    probe = create_model(config.model_type, config.model)
    padded_flops = 3 * forward_flops(probe, batches[False])
    useful_flops = 3 * forward_flops(probe, tight(batches[False]))
    peaks = {"float32": matmul_peak(tf.float32)}
    variants = _variants()
    if any(p == "bfloat16" for _, _, p in variants):
        peaks["bfloat16"] = matmul_peak(tf.bfloat16)
    models = {v: _model(config, v[1], v[2], batch_size) for v in variants}
    times = {v: [] for v in variants}
    for round_ in range(_WARMUP.value + _STEPS.value):
        for v in variants:
            batch = batches[v[0]]
            start = time.perf_counter()
            models[v].train_on_batch(batch, batch["targets"])
            if round_ >= _WARMUP.value:
                times[v].append(time.perf_counter() - start)
    rows = {}
    base = statistics.median(times[variants[0]])
    for v in variants:
        seconds = statistics.median(times[v])
        peak = peaks[v[2]]
        rows[_label(*v)] = {
            "seconds_per_step": seconds,
            "examples_per_s": batch_size / seconds,
            "speedup_vs_first": base / seconds,
            "padded_flop_share": padded_flops / seconds / peak,
            "useful_flop_share": useful_flops / seconds / peak,
        }
    return {
        "parameters": probe.count_params(),
        "shapes": {
            "padded": {k: list(v.shape) for k, v in batches[False].items()},
            "bucketed": {k: list(v.shape) for k, v in batches[True].items()},
        },
        "gflops_per_step": {"padded": padded_flops / 1e9, "useful": useful_flops / 1e9},
        "matmul_peak_gflops": {k: v / 1e9 for k, v in peaks.items()},
        "variants": rows,
    }


def loss_curves(name: str, steps: int) -> dict:
    """float32 and bfloat16 trained on the same bucketed stream, side by side."""
    config = get_config(name)
    batch_size = _BATCH.value
    stream = data.trim_batches(config, real_batches(config, batch_size)).repeat()
    batches = [b for _, b in zip(range(steps), stream, strict=False)]
    models = {p: _model(config, False, p, batch_size) for p in ("float32", "bfloat16")}
    losses = {p: [] for p in models}
    seconds = {p: 0.0 for p in models}
    for step, batch in enumerate(batches):
        for precision, model in models.items():
            start = time.perf_counter()
            loss = model.train_on_batch(batch, batch["targets"])
            if step:  # the first update traces the step
                seconds[precision] += time.perf_counter() - start
            losses[precision].append(float(loss))
    every = max(1, steps // 10)
    for step in range(every - 1, steps, every):
        window = slice(max(0, step - every + 1), step + 1)
        print(
            f"step {step + 1:5d}  "
            + "  ".join(
                f"{p} {statistics.mean(v[window]):.4f}" for p, v in losses.items()
            ),
            flush=True,
        )
    for precision in models:
        print(f"{precision}: {seconds[precision] / steps * 1e3:.1f} ms/step")
    return {
        "losses": losses,
        "seconds_per_step": {p: s / steps for p, s in seconds.items()},
    }


def main(argv):
    del argv
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    if _CURVE.value:
        results = {_CONFIGS.value[0]: loss_curves(_CONFIGS.value[0], _CURVE.value)}
    else:
        results = {}
        for name in _CONFIGS.value:
            r = time_config(name)
            results[name] = r
            print(
                f"{name}: {r['parameters']:,d} params, "
                f"{r['gflops_per_step']['padded']:.2f} padded / "
                f"{r['gflops_per_step']['useful']:.2f} useful GFLOP per step, "
                f"bucketed shapes {r['shapes']['bucketed']}, peak "
                + ", ".join(
                    f"{k} {v:.0f} GFLOP/s" for k, v in r["matmul_peak_gflops"].items()
                ),
                flush=True,
            )
            for label, v in r["variants"].items():
                print(
                    f"  {label:26s} {v['seconds_per_step']:.3f} s/step  "
                    f"{v['examples_per_s']:8.1f} examples/s  "
                    f"x{v['speedup_vs_first']:.2f}  "
                    f"{100 * v['padded_flop_share']:5.1f}% padded  "
                    f"{100 * v['useful_flop_share']:5.1f}% useful",
                    flush=True,
                )
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    if _JSON.value:
        pathlib.Path(_JSON.value).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    app.run(main)
