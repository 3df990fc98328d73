"""ExeDec loop throughput: problems per second, batch 1 versus batched.

Runs the full loop (beam 10 by default) on released test problems with
  * `oracle`: scripted models that predict the ground-truth decomposition
    (no network; measures the loop's own Python cost: decoding, execution,
    re-encoding, bookkeeping), and
  * `tiny`, `small`, `paper`: random-weight Keras models of those sizes
    through the in-process adapter (`exedec_tf.decoding`), with the
    end-to-end shapes of the paper (RobustFill L=200, T=85/100; DeepCoder
    L=100, T=30/42). Random models predict malformed subgoals, so by default
    `--random_detect_invalid=false` makes every problem run the full step
    limit (the worst case); with detection on they stop after one step.
    The oracle always runs with the default options.

Each configuration is warmed up on the first problems (graph tracing and XLA
compilation per batch shape) before timing; warm-up time is reported apart.

Usage:
  python scripts/benchmarks/exedec.py \
      --released_file=/path/to/test_data/robustfill/NONE.jsonl \
      --scales=oracle,small --batch_sizes=1,10 --num_problems=20
"""

import json
import time

import numpy as np
from absl import app, flags

from exedec_tf import domains
from exedec_tf.evaluation.problems import released_problems
from exedec_tf.synthesis.loop import run_exedec
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.scripted import oracle_models

_RELEASED_FILE = flags.DEFINE_string(
    "released_file", None, "Released test_data JSONL file.", required=True
)
_DOMAIN = flags.DEFINE_enum("domain", "robustfill", list(domains.names()), "")
_SCALES = flags.DEFINE_list("scales", ["oracle", "small"], "oracle/tiny/small/paper")
_BATCH_SIZES = flags.DEFINE_list("batch_sizes", ["1", "10"], "Problems per call.")
_NUM_PROBLEMS = flags.DEFINE_integer("num_problems", 20, "Timed problems.")
_BEAM_SIZE = flags.DEFINE_integer("beam_size", 10, "K.")
_RANDOM_DETECT_INVALID = flags.DEFINE_bool(
    "random_detect_invalid",
    False,
    "detect_invalid (and discard) for random models (see the module docstring).",
)
_CACHED = flags.DEFINE_bool("cached", True, "Key/value-cached decoding.")
_EOS_BIAS = flags.DEFINE_float(
    "eos_bias",
    2.0,
    "Added to the random models' EOS logit so that predictions end (without "
    "it, no prediction reaches EOS and every problem stops after one step).",
)
_JIT = flags.DEFINE_bool("jit", True, "XLA-compile the beam search.")


def _shapes(domain: str, scale: str) -> dict:
    """The end-to-end (E, L, T) of each ExeDec model, from its config."""
    from exedec_tf.configs import config_name, get_config
    from exedec_tf.models import ModelType

    shapes = {}
    for model_type in (ModelType.SPEC_DECOMPOSER, ModelType.SYNTHESIZER):
        config = get_config(config_name(domain, model_type, scale))
        shapes[model_type] = (
            config.data.num_examples,
            config.inference.spec_length,
            config.inference.max_decode_length,
            config,
        )
    return shapes


def _keras_models(domain: str, scale: str):
    from exedec_tf.decoding import NumpyBeamSearch, SearchSettings
    from exedec_tf.models import create_model

    rng = np.random.default_rng(0)
    models = {}
    for model_type, (num_examples, length, t, config) in _shapes(domain, scale).items():
        model = create_model(model_type, config.model)
        for variable in model.weights:
            shape = tuple(variable.shape)
            scale_ = 1.0 / np.sqrt(shape[0]) if len(shape) > 1 else 0.1
            variable.assign((rng.standard_normal(shape) * scale_).astype(np.float32))
        bias = model.decoder.logit_dense.bias
        bias.assign(bias.numpy() + _EOS_BIAS.value * np.eye(bias.shape[0])[2])
        settings = SearchSettings.for_model(
            model,
            num_examples=num_examples,
            spec_length=length,
            max_decode_length=t,
            cached=_CACHED.value,
            jit_compile=_JIT.value,
        )
        models[model_type.short] = NumpyBeamSearch.for_model(model, settings)
    return models


def _models(domain, scale, problems):
    if scale == "oracle":
        # The oracle stands in for the paper models: their E and L.
        num_examples, length = next(iter(_shapes(domain, "paper").values()))[:2]
        found = oracle_models(domains.get(domain), problems, num_examples, length)
        return {k: found[k] for k in ("spec_decomposer", "synthesizer")}
    return _keras_models(domain, scale)


def main(argv):
    del argv
    domain = domains.get(_DOMAIN.value)
    problems = released_problems(_RELEASED_FILE.value)
    batch_sizes = [int(b) for b in _BATCH_SIZES.value]
    # The same timed problems for every batch size; warm-up uses those before.
    skip = max(batch_sizes)
    timed = problems[skip : skip + _NUM_PROBLEMS.value]
    for scale in _SCALES.value:
        detect = scale == "oracle" or _RANDOM_DETECT_INVALID.value
        options = LoopOptions(
            beam_size=_BEAM_SIZE.value,
            detect_invalid=detect,
            discard_repeat_functionality=detect,
        )
        for batch_size in batch_sizes:
            warm = problems[:batch_size]
            models = _models(domain.name, scale, warm + timed)
            start = time.perf_counter()
            run_exedec(warm, domain, options=options, batch_size=batch_size, **models)
            warmup = time.perf_counter() - start
            start = time.perf_counter()
            results = run_exedec(
                timed, domain, options=options, batch_size=batch_size, **models
            )
            elapsed = time.perf_counter() - start
            row = {
                "domain": domain.name,
                "scale": scale,
                "beam_size": options.beam_size,
                "batch_size": batch_size,
                "problems": len(timed),
                "problems_per_s": round(len(timed) / elapsed, 3),
                "mean_steps": float(np.mean([r.num_steps for r in results])),
                "solved": sum(r.success for r in results),
                "warmup_s": round(warmup, 2),
                "detect_invalid": options.detect_invalid,
                "cached": _CACHED.value,
                "jit": _JIT.value,
            }
            print(json.dumps(row), flush=True)
            del models


if __name__ == "__main__":
    app.run(main)
