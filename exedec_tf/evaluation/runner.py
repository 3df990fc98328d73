"""Evaluate the ExeDec loop (or the baseline) over problems; sharded and resumable."""

import json
import pathlib
from collections.abc import Iterable

from exedec_tf import domains
from exedec_tf.errors import ConfigError
from exedec_tf.evaluation import problems as problem_sources
from exedec_tf.evaluation import results as results_io
from exedec_tf.synthesis.baseline import run_baseline
from exedec_tf.synthesis.beam_model import BeamSearchModel
from exedec_tf.synthesis.loop import run_exedec
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.records import Problem


def shard_name(shard_index: int, shard_count: int) -> str:
    """File stem of one shard's results (`results` when unsharded)."""
    if shard_count == 1:
        return "results"
    return f"results-shard{shard_index:05d}-of-{shard_count:05d}"


def _check_settings(path: pathlib.Path, settings: dict) -> None:
    if path.exists():
        old = json.loads(path.read_text())
        if old != settings:
            diff = sorted(
                k for k in set(old) | set(settings) if old.get(k) != settings.get(k)
            )
            raise results_io.ResultsError(
                f"{path.parent} holds results of a run with other settings "
                f"(differing: {', '.join(diff)}); use another output folder"
            )
    else:
        path.write_text(json.dumps(settings, indent=1, sort_keys=True) + "\n")


def evaluate(
    problems: Iterable[Problem],
    domain: str,
    out_dir,
    *,
    synthesizer: BeamSearchModel | None = None,
    spec_decomposer: BeamSearchModel | None = None,
    baseline: BeamSearchModel | None = None,
    options: LoopOptions | None = None,
    batch_size: int = 1,
    shard_index: int = 0,
    shard_count: int = 1,
    settings: dict | None = None,
    progress: bool = True,
    tensorboard: bool = True,
) -> dict:
    """Runs one shard of an evaluation and writes its results.

    Problems already in the shard's JSONL log are skipped, so rerunning after
    an interruption continues where it stopped (a log of an older results
    format raises `ResultsFormatError` instead).

    Args:
      problems: all problems of the split (this shard takes every
        `shard_count`-th one from position `shard_index`).
      domain: "deepcoder" or "robustfill".
      out_dir: results folder (created).
      synthesizer, spec_decomposer: ExeDec models (`separate`), or the joint
        model as `synthesizer` (`joint`).
      baseline: the baseline model instead of the ExeDec models.
      options: loop options (the beam size is also the baseline's).
      batch_size: problems advancing together.
      shard_index, shard_count: which slice of the problems to take.
      settings: extra JSON-able facts to record (model paths, split, ...).
      progress: show a progress bar.
      tensorboard: also write TensorBoard scalars under `out_dir/tb`.

    Returns:
      The summary written to `<out_dir>/<shard_name>.json`.
    """
    options = LoopOptions() if options is None else options
    if (baseline is None) == (synthesizer is None):
        raise ConfigError("give either the ExeDec models or a baseline model")
    domain_obj = domains.get(domain)
    method = "baseline" if baseline is not None else options.prediction_type
    settings = {
        **(settings or {}),
        "domain": domain,
        "method": method,
        "shard_index": shard_index,
        "shard_count": shard_count,
        **{k: v for k, v in vars(options).items()},
    }
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    name = shard_name(shard_index, shard_count)
    log_path = out_dir / f"{name}.jsonl"
    # First: a log of an older format is refused with its own message.
    done = results_io.read_log(log_path)
    _check_settings(out_dir / f"{name}.settings.json", settings)
    log = results_io.ResultsLog(log_path)
    todo = [
        p
        for p in problem_sources.shard(problems, shard_index, shard_count)
        if p.index not in done
    ]
    by_index = {p.index: p for p in todo}
    bar = _progress_bar(len(todo), len(done), name) if progress else None

    def record(result):
        entry = results_io.problem_record(by_index[result.index], result)
        log.append(entry)
        done[result.index] = entry
        if bar is not None:
            bar.update(1)
            bar.set_postfix(solved=sum(r["solved"] for r in done.values()))

    try:
        if baseline is not None:
            run_baseline(
                todo, domain_obj, baseline, options.beam_size, batch_size, record
            )
        else:
            run_exedec(
                todo,
                domain_obj,
                synthesizer,
                spec_decomposer,
                options,
                batch_size,
                record,
            )
    finally:
        if bar is not None:
            bar.close()
    summary = results_io.write_summary(out_dir / f"{name}.json", settings, done)
    if tensorboard:
        write_tensorboard(out_dir / "tb" / name, summary["totals"], options.beam_size)
    return summary


def _progress_bar(total: int, already: int, name: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=f"{name} ({already} done before)", unit="problem")


def write_tensorboard(log_dir, totals: dict, beam_size: int) -> None:
    """Writes the totals as TensorBoard scalars at step 0 (names as the original)."""
    import tensorflow as tf

    suffix = f", beam_size={beam_size}"
    scalars = {
        "main/total success rate": 100 * totals["accuracy"],
        "time/total time per problem": totals["mean_time_per_problem_s"],
        "steps/avg. steps taken": totals["mean_steps"],
    }
    achievement = totals.get("subgoal_achievement")
    if achievement:
        scalars["subgoals/achieved rate"] = 100 * achievement["rate"]
        scalars["subgoals/steps with every subgoal achieved"] = (
            100 * achievement["steps_fully_achieved_rate"]
        )
    analysis = totals.get("error_analysis")
    if analysis:
        counts = analysis["counts"]
        scalars.update(
            {
                "raw/# success & no errors": counts["A"],
                "raw/# success & SpecDecomposerModel error": counts["B"],
                "raw/# success & SynthesizerModel error": counts["C"],
                "raw/# failure & SpecDecomposerModel error": counts["E"],
                "raw/# failure & SynthesizerModel error": counts["F"],
                "main/failures from SpecDecomposerModel, among all failures": analysis[
                    "failures_from_spec_decomposer_pct"
                ],
                "main/failures from SynthesizerModel, among all failures": analysis[
                    "failures_from_synthesizer_pct"
                ],
                "error_recovery/specDecomposerModel error recovery rate": analysis[
                    "spec_decomposer_error_recovery_pct"
                ],
                "error_recovery/synthesizerModel error recovery rate": analysis[
                    "synthesizer_error_recovery_pct"
                ],
                "error_recovery/error recovery rate": analysis["error_recovery_pct"],
                "error_recovery/recovered errors among successes": analysis[
                    "recovered_errors_among_successes_pct"
                ],
            }
        )
    writer = tf.summary.create_file_writer(str(log_dir))
    with writer.as_default():
        for name, value in scalars.items():
            tf.summary.scalar(name + suffix, float(value), step=0)
    writer.close()
