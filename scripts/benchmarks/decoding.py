"""Beam-search latency per call: cached vs uncached decoding, graph vs XLA.

For each named config, a model with random weights runs the beam search of
the ExeDec loop (B = 1, K = 10 by default) at the published end-to-end
lengths (e.g. RobustFill synthesizer L = 200, T = 100) in four modes:

* `uncached_graph`: the whole `[K, T]` buffer through the decoder at every
  step, as the original's "slow decode" does; plain TF graph.
* `uncached_xla`: the same, XLA-compiled.
* `cached_graph`: the key/value-cached incremental decoder; plain graph.
* `cached_xla`: the cached decoder, XLA-compiled (the default and the one
  exported in SavedModels).

Each mode first makes one untimed call (tracing and compilation, reported
separately), then `--calls` timed calls; a call's time includes converting
its results to NumPy. Encoding the K slot specs (the same work in every
mode) is also timed alone. Random weights rarely emit EOS early, so nearly every
call runs the full T + 1 iterations: these are worst-case latencies.

Usage:
  python scripts/benchmarks/decoding.py
  python scripts/benchmarks/decoding.py \
    --configs=robustfill_synthesizer_paper --modes=cached_xla,uncached_xla --calls=2
"""

import json
import pathlib
import time

import numpy as np
import tensorflow as tf
from absl import app, flags
from tqdm import tqdm

from exedec_tf.configs import get_config
from exedec_tf.decoding import NumpyBeamSearch, SearchSettings, standard_init
from exedec_tf.decoding.model_search import encode_slots
from exedec_tf.models import create_model

MODES = ("uncached_graph", "uncached_xla", "cached_graph", "cached_xla")

_CONFIGS = flags.DEFINE_list(
    "configs",
    ["robustfill_synthesizer_small", "robustfill_synthesizer_paper"],
    "Named configs to time.",
)
_MODES = flags.DEFINE_list("modes", list(MODES), f"Subset of {MODES}.")
_BEAM = flags.DEFINE_integer("beam_size", 10, "K.")
_BATCH = flags.DEFINE_integer("batch_size", 1, "B (the ExeDec loop uses 1).")
_CALLS = flags.DEFINE_integer("calls", 3, "Timed calls per mode.")
_SPEC_LENGTH = flags.DEFINE_integer("spec_length", None, "L (default: end-to-end).")
_DECODE_LENGTH = flags.DEFINE_integer(
    "max_decode_length", None, "T (default: end-to-end)."
)
_JSON = flags.DEFINE_string("json_out", None, "Optional path for results as JSON.")


def _specs(rng, batch, beam, examples, length, vocab):
    """Spec rows with realistic padding (each row 40-90% filled)."""
    ids = rng.integers(3, vocab, (2, batch, examples, length))
    for b in range(batch):
        for e in range(examples):
            ids[:, b, e, int(length * rng.uniform(0.4, 0.9)) :] = 0
    tiled = np.repeat(ids[:, :, None], beam, axis=2).astype(np.int32)
    return tiled[0], tiled[1]


def time_mode(model, config, mode, spec_length, decode_length, rng):
    """(first call seconds, list of timed call seconds) of one mode."""
    settings = SearchSettings.for_model(
        model,
        num_examples=config.data.num_examples,
        spec_length=spec_length,
        max_decode_length=decode_length,
        cached=mode.startswith("cached"),
        jit_compile=mode.endswith("xla"),
    )
    searcher = NumpyBeamSearch.for_model(model, settings)
    inputs, outputs = _specs(
        rng,
        _BATCH.value,
        _BEAM.value,
        config.data.num_examples,
        spec_length,
        config.model.vocab_size,
    )
    scores, finished = (np.asarray(x) for x in standard_init(_BATCH.value, _BEAM.value))
    start = time.perf_counter()
    searcher.beam_search(inputs, outputs, scores, finished)
    first = time.perf_counter() - start
    times = []
    for _ in range(_CALLS.value):
        start = time.perf_counter()
        searcher.beam_search(inputs, outputs, scores, finished)
        times.append(time.perf_counter() - start)
    assert searcher.tracing_count() == 1
    return first, times


def time_encode(model, config, spec_length, rng):
    """Median seconds of encoding the K slot specs alone (XLA), the part of
    every call that decoding cannot speed up."""
    inputs, outputs = _specs(
        rng,
        _BATCH.value,
        _BEAM.value,
        config.data.num_examples,
        spec_length,
        config.model.vocab_size,
    )
    encode = tf.function(lambda i, o: encode_slots(model, i, o)[0], jit_compile=True)
    encode(inputs, outputs).numpy()
    times = []
    for _ in range(max(_CALLS.value, 1)):
        start = time.perf_counter()
        encode(inputs, outputs).numpy()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main(argv):
    del argv
    unknown = sorted(set(_MODES.value) - set(MODES))
    if unknown:
        raise app.UsageError(f"unknown modes {unknown}; choose from {MODES}")
    tf.config.experimental.enable_tensor_float_32_execution(False)
    rng = np.random.default_rng(0)
    results = []
    runs = [(c, m) for c in _CONFIGS.value for m in _MODES.value]
    models = {}
    for name, mode in tqdm(runs, desc="beam search"):
        config = get_config(name)
        if name not in models:
            models[name] = create_model(config.model_type, config.model)
        spec_length = _SPEC_LENGTH.value or config.inference.spec_length
        decode_length = _DECODE_LENGTH.value or config.inference.max_decode_length
        first, times = time_mode(
            models[name], config, mode, spec_length, decode_length, rng
        )
        results.append(
            dict(
                config=name,
                mode=mode,
                batch_size=_BATCH.value,
                beam_size=_BEAM.value,
                spec_length=spec_length,
                max_decode_length=decode_length,
                first_call_s=first,
                median_call_s=float(np.median(times)),
                calls_s=times,
            )
        )
    print(
        f"\n{'config':34} {'mode':15} {'L':>4} {'T':>4} {'1st call':>9} {'median':>9}"
    )
    for r in results:
        print(
            f"{r['config']:34} {r['mode']:15} {r['spec_length']:4d} "
            f"{r['max_decode_length']:4d} {r['first_call_s']:8.2f}s "
            f"{r['median_call_s']:8.3f}s"
        )
    for name in _CONFIGS.value:
        config = get_config(name)
        spec_length = _SPEC_LENGTH.value or config.inference.spec_length
        encode_s = time_encode(models[name], config, spec_length, rng)
        results.append(
            dict(config=name, mode="encode_only_xla", median_call_s=encode_s)
        )
        print(f"{name}: encoding the K slot specs alone takes {encode_s:.3f}s")
        by_mode = {
            r["mode"]: r["median_call_s"] for r in results if r["config"] == name
        }
        if "cached_xla" in by_mode:
            for base in ("uncached_graph", "uncached_xla"):
                if base in by_mode:
                    speedup = by_mode[base] / by_mode["cached_xla"]
                    print(f"{name}: cached_xla is {speedup:.1f}x faster than {base}")
    if _JSON.value:
        pathlib.Path(_JSON.value).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    app.run(main)
