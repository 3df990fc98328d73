"""Presets end to end against a localhost bucket of paper-size checkpoints.

Writes random-weight checkpoints of the published RobustFill SpecDecomposer
and Synthesizer (paper configs, the original's Flax format, with Adam
moments, so the files have the published size) under the published hparam
directories, serves them on 127.0.0.1 in the GCS layout
(`tests/presets/fake_bucket.py`) and times, each in a fresh process:

1. `exedec-tf synthesize --preset=robustfill_none_exedec_seed10 ...` with an
   empty cache: listing, download, conversion, export, then the answer;
2. the same command again (everything from the cache);
3. `exedec-tf evaluate --preset=... --num_problems=N`: ExeDec per problem.

Random weights rarely end a beam early, so the ExeDec times are worst
cases, not those of the trained models. Run from the repository root:

  python scripts/benchmarks/presets.py --work_dir=/tmp/presets_bench
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

from absl import app, flags

_WORK_DIR = flags.DEFINE_string("work_dir", "/tmp/presets_bench", "scratch folder")
_PROBLEMS = flags.DEFINE_integer("num_problems", 2, "problems for the ExeDec timing")
_BEAM = flags.DEFINE_integer("beam_size", 10, "beam size")
_DATA = flags.DEFINE_string(
    "released_dir", "../shared/exedec_data", "folder holding test_data/ ('' for none)"
)
_REUSE_CACHE = flags.DEFINE_bool(
    "reuse_cache", False, "keep the model cache (no first-call timing)"
)

PRESET = "robustfill_none_exedec_seed10"
EXAMPLES = (
    "john smith -> J.S.",
    "ann lee -> A.L.",
    "bo diddley -> B.D.",
    "x y -> X.Y.",
)


def write_paper_checkpoints(folder: pathlib.Path) -> dict[str, pathlib.Path]:
    """Random-weight paper checkpoints, one per model of the preset."""
    from exedec_tf import presets
    from exedec_tf.configs import config_name, get_config
    from exedec_tf.models.flax_checkpoint import export_flax_checkpoint
    from exedec_tf.models.model_types import create_model

    files = {}
    for spec in presets.get_preset(PRESET).checkpoints:
        path = folder / spec.prefix / "checkpoint_499999"
        if not path.exists():
            config = get_config(config_name(spec.domain, spec.model_type, "paper"))
            export_flax_checkpoint(
                create_model(config.model_type, config.model), path, step=499999
            )
        files[spec.prefix + "checkpoint_499999"] = path
    return files


def _timed(args, env, ok=(0,)) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "exedec_tf.cli", *args],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    # A solution is not expected from random weights; a traceback is an error.
    if done.returncode not in ok or "Traceback" in done.stderr:
        raise RuntimeError(
            f"{args[0]} failed ({done.returncode}):\n{done.stderr[-3000:]}"
        )
    print(f"{args[0]}: {elapsed:.1f} s", flush=True)
    return elapsed


def main(argv):
    del argv
    sys.path.insert(0, os.getcwd())
    from tests.presets.fake_bucket import FakeBucket

    work = pathlib.Path(_WORK_DIR.value)
    files = write_paper_checkpoints(work / "bucket")
    cache = work / "cache"
    # Fresh cache and results: the first call must do everything.
    if not _REUSE_CACHE.value:
        shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(work / "eval", ignore_errors=True)
    bucket = FakeBucket(page_size=1000)
    for name, path in files.items():
        bucket.add_file(name, path)
    figures = {"download_bytes": sum(p.stat().st_size for p in files.values())}
    env = {**os.environ, "EXEDEC_TF_CACHE": str(cache), "PYTHONPATH": os.getcwd()}
    if _DATA.value:
        env["EXEDEC_DATA_DIR"] = str(pathlib.Path(_DATA.value).resolve())
    examples = [f"--example={e}" for e in EXAMPLES]
    synth = ["synthesize", f"--preset={PRESET}", *examples]
    synth.append(f"--beam_size={_BEAM.value}")
    evaluate = ["evaluate", f"--preset={PRESET}", f"--output_dir={work / 'eval'}"]
    evaluate += [f"--num_problems={_PROBLEMS.value}", "--no_progress"]
    evaluate.append(f"--beam_size={_BEAM.value}")
    with bucket:
        env["EXEDEC_TF_BUCKET_URL"] = bucket.url
        if not _REUSE_CACHE.value:
            figures["first_synthesize_s"] = _timed(synth, env, ok=(0, 1))
        served = len(bucket.requests)
        figures["second_synthesize_s"] = _timed(synth, env, ok=(0, 1))
        figures["second_call_requests"] = len(bucket.requests) - served
        figures["evaluate_s"] = _timed(evaluate, env)
    for info in sorted(cache.glob("exports/*/*/preset.json")):
        record = json.loads(info.read_text())
        kind = info.parent.name.split("_L")[0]
        figures[f"{kind}_convert_s"] = record["convert_s"]
        figures[f"{kind}_export_s"] = record["export_s"]
    summary = json.loads((work / "eval" / "results.json").read_text())["totals"]
    figures["exedec_mean_time_per_problem_s"] = summary["mean_time_per_problem_s"]
    figures["num_problems"] = summary["num_problems"]
    figures["load_average_1min"] = os.getloadavg()[0]
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    app.run(main)
