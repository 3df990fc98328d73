"""Measure one trained method over the released test problems of experiments.

`measure` runs the ExeDec loop (the paper's options: beam 10, detect_invalid,
use_execution, discard_repeat_functionality) with one method's models, an
ExeDec pair or the joint (no-subgoal ablation) model, over the released test
problems of each experiment, or only over the first `num_problems` of each
(a partial measurement, stated as such in the summary). Each experiment is an
ordinary evaluation folder, `<output_dir>/<EXPERIMENT>/` (the runner of
`exedec-tf evaluate`: JSONL log, so a rerun skips finished problems, and
shards). The summary, `<output_dir>/measurement.json`, holds per experiment
the problems evaluated out of those released, the accuracy overall and by the
number of parts of the released program, and the mean and median wall time
per problem; `model_card.py` makes tables of it.
"""

import dataclasses
import json
import os
import pathlib
import platform
import re
import statistics

from exedec_tf.errors import ExeDecError
from exedec_tf.experiments import ALL_EXPERIMENTS, parse_experiment
from exedec_tf.synthesis.options import LoopOptions

SUMMARY_FORMAT = 1
SUMMARY_NAME = "measurement.json"
# The table label of each loop method, unless the caller names it.
DEFAULT_LABELS = {"separate": "exedec", "joint": "ablation", "baseline": "baseline"}
_LOG = re.compile(r"^results(-shard\d{5}-of-\d{5})?\.jsonl$")


class MeasureError(ExeDecError, ValueError):
    """A measurement cannot be made or summarized as asked."""


def parse_experiments(names=None) -> tuple[str, ...]:
    """Experiment names in canonical spelling (default: all six, paper order).

    Raises:
      MeasureError: an unknown or repeated name (named in the message).
    """
    if names is None:
        return tuple(e.name for e in ALL_EXPERIMENTS)
    parsed = []
    for name in names:
        try:
            experiment = parse_experiment(name).name
        except ValueError:
            known = ", ".join(e.name for e in ALL_EXPERIMENTS)
            raise MeasureError(
                f"unknown experiment {name!r}; expected one of {known}"
            ) from None
        if experiment in parsed:
            raise MeasureError(f"experiment {experiment} given twice")
        parsed.append(experiment)
    if not parsed:
        raise MeasureError("no experiments given")
    return tuple(parsed)


def num_parts(domain: str, program: str) -> int:
    """Parts of a released program: RobustFill top-level expressions, DeepCoder
    statements (input declarations not counted)."""
    from exedec_tf import domains

    parsed = domains.get(domain).parse_program(program)
    if domain == "robustfill":
        return len(parsed.expressions)
    return len(parsed.statements)


def released_file(domain: str, experiment: str, released_dir=None) -> pathlib.Path:
    """The released test file of an experiment, checked against its checksum.

    Args:
      released_dir: a folder holding `test_data/<domain>/<EXPERIMENT>.jsonl`;
        None: the released-data cache (downloaded when missing).

    Raises:
      MeasureError: `released_dir` lacks the file (the path is named).
      PresetError: without `released_dir`, the file cannot be downloaded.
    """
    if released_dir is None:
        from exedec_tf.presets.paper_table import released_test_file

        return released_test_file(domain, experiment)
    from exedec_tf.data import released, sources

    path = released.released_file(
        pathlib.Path(released_dir) / "test_data", domain, experiment
    )
    if not path.is_file():
        raise MeasureError(
            f"no released {domain} {experiment} test problems at {path} (expected "
            f"<data_dir>/test_data/{domain}/{experiment}.jsonl; "
            "`exedec-tf download --families test_data` fetches them)"
        )
    sources.verify_file(path, "test_data", domain, experiment)
    return path


def _run_settings(run_dir: pathlib.Path) -> dict[str, dict]:
    """Each log's settings without its shard position, by log name."""
    found = {}
    for path in sorted(run_dir.glob("results*.settings.json")):
        settings = json.loads(path.read_text())
        found[path.name] = {
            k: v for k, v in settings.items() if k not in ("shard_index", "shard_count")
        }
    return found


def read_records(run_dir) -> dict[int, dict]:
    """Every finished problem of an evaluation folder, over all its logs (the
    unsharded one and any shards), by problem index.

    Raises:
      MeasureError: logs made with different settings, or one problem in two
        logs (both named).
    """
    from exedec_tf.evaluation import results as results_io

    run_dir = pathlib.Path(run_dir)
    if not run_dir.is_dir():
        return {}
    settings = _run_settings(run_dir)
    if len({json.dumps(s, sort_keys=True) for s in settings.values()}) > 1:
        raise MeasureError(
            f"the logs in {run_dir} were made with different settings "
            f"({', '.join(settings)}); keep one method's logs per folder"
        )
    records, origin = {}, {}
    for path in sorted(p for p in run_dir.iterdir() if _LOG.match(p.name)):
        for index, record in results_io.read_log(path).items():
            if index in records:
                raise MeasureError(
                    f"problem {index} is in both {origin[index]} and {path.name} "
                    f"of {run_dir}; remove one of the two logs"
                )
            records[index], origin[index] = record, path.name
    return records


def _accuracy(solved: int, n: int) -> dict:
    return {
        "num_problems": n,
        "num_solved": solved,
        "accuracy": solved / n if n else 0.0,
    }


def experiment_summary(
    domain: str, problems, records: dict[int, dict], num_released: int
) -> dict:
    """The figures of one experiment over `problems` (those asked for).

    Args:
      domain: the domain (to count program parts).
      problems: the `Problem`s of the measurement (the released ones, or the
        first n), with their released programs.
      records: finished results by problem index; those of other problems
        are ignored, problems without one count as not evaluated.
      num_released: problems in the released file.

    Returns:
      {"num_released", "num_requested", "num_evaluated", "complete" (every
      released problem evaluated), "num_solved", "accuracy" (among those
      evaluated), "mean_time_s", "median_time_s", "by_parts" ({parts (str):
      {"num_problems", "num_solved", "accuracy"}})}.
    """
    evaluated = [(p, records[p.index]) for p in problems if p.index in records]
    times = [r["time_s"] for _, r in evaluated]
    by_parts: dict[int, list[bool]] = {}
    for problem, record in evaluated:
        parts = num_parts(domain, problem.program)
        by_parts.setdefault(parts, []).append(bool(record["solved"]))
    solved = sum(bool(r["solved"]) for _, r in evaluated)
    return {
        "num_released": num_released,
        "num_requested": len(problems),
        "num_evaluated": len(evaluated),
        "complete": len(evaluated) == num_released,
        **_accuracy(solved, len(evaluated)),
        "mean_time_s": statistics.fmean(times) if times else None,
        "median_time_s": statistics.median(times) if times else None,
        "by_parts": {
            str(k): _accuracy(sum(v), len(v)) for k, v in sorted(by_parts.items())
        },
    }


@dataclasses.dataclass(frozen=True)
class MeasuredMethod:
    """What is measured: one method's models.

    Attributes:
      domain: "robustfill" or "deepcoder".
      model_paths: a `synthesis.loading.ModelPaths`; it fixes the method and
        is recorded (preset ids rather than cache paths, for presets).
      label: the table label (default by method: exedec, ablation, baseline).
      preset: the preset name, if the models are one.
    """

    domain: str
    model_paths: object
    label: str | None = None
    preset: str | None = None

    @property
    def loop_method(self) -> str:
        """`separate`, `joint` or `baseline`."""
        return self.model_paths.method

    @property
    def table_label(self) -> str:
        """The label, or the method's default one."""
        return self.label or DEFAULT_LABELS[self.loop_method]

    def identity(self) -> dict:
        """The facts a summary must share to be extended by a later run."""
        return {
            "label": self.table_label,
            "method": self.loop_method,
            "domain": self.domain,
            "preset": self.preset,
            "models": {k: v for k, v in vars(self.model_paths).items() if v},
        }


def _options(method: str, beam_size: int) -> LoopOptions:
    # The paper's loop options; the models fix the prediction type.
    if method == "baseline":
        return LoopOptions(beam_size=beam_size)
    return LoopOptions(prediction_type=method, beam_size=beam_size)


def _machine() -> dict:
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
    }


def _previous_experiments(path: pathlib.Path, identity: dict) -> dict:
    """The experiments of an earlier summary of the same method (kept)."""
    if not path.is_file():
        return {}
    old = json.loads(path.read_text())
    differing = sorted(k for k in identity if old.get(k) != identity[k])
    if differing:
        raise MeasureError(
            f"{path} holds a measurement of other models (differing: "
            f"{', '.join(differing)}); use another output folder"
        )
    return old.get("experiments", {})


def _write_json(path: pathlib.Path, value: dict) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(value, indent=1) + "\n")
    tmp.replace(path)


def measure(
    output_dir,
    method: MeasuredMethod,
    *,
    experiments=None,
    num_problems: int | None = None,
    released_dir=None,
    beam_size: int = 10,
    batch_size: int = 1,
    shard_index: int = 0,
    shard_count: int = 1,
    models: dict | None = None,
    progress: bool = True,
) -> dict:
    """Evaluates a method over each experiment's released problems; summarizes.

    Problems already in an experiment folder's logs are skipped, so an
    interrupted measurement continues, and a larger `num_problems` extends a
    smaller one. With shards, each shard's process evaluates its slice; the
    summary counts whatever logs the folders hold (copy the shards' folders
    together and rerun for the whole).

    Args:
      output_dir: the measurement folder (one method per folder).
      method: the models measured.
      experiments: experiment names (default: all six).
      num_problems: only the first n released problems of each experiment.
      released_dir: folder holding `test_data/<domain>/<EXPERIMENT>.jsonl`
        (default: the released-data cache).
      beam_size: the beam size (the paper's 10 unless told otherwise).
      batch_size, shard_index, shard_count, progress: see
        `evaluation.runner.evaluate`.
      models: the loaded models (keyword arguments of `runner.evaluate`);
        default: loaded from `method.model_paths`.

    Returns:
      The summary written to `<output_dir>/measurement.json`; experiments
      measured earlier into the same folder and not named now are kept.

    Raises:
      MeasureError: unknown experiment, missing released file, bad
        num_problems, or a folder holding another method's measurement.
    """
    from exedec_tf.evaluation import problems as problem_sources
    from exedec_tf.evaluation.runner import evaluate

    names = parse_experiments(experiments)
    if num_problems is not None and (type(num_problems) is not int or num_problems < 1):
        raise MeasureError(f"num_problems must be a positive int, got {num_problems!r}")
    output_dir = pathlib.Path(output_dir)
    summary_path = output_dir / SUMMARY_NAME
    identity = method.identity()
    kept = _previous_experiments(summary_path, identity)
    files = {e: released_file(method.domain, e, released_dir) for e in names}
    options = _options(method.loop_method, beam_size)
    if models is None:
        from exedec_tf.synthesis.loading import load_models

        models = load_models(method.model_paths, method.domain)
    measured = {}
    for experiment in names:
        released = problem_sources.released_problems(files[experiment])
        problems = released[:num_problems]
        run_dir = output_dir / experiment
        evaluate(
            problems,
            method.domain,
            run_dir,
            options=options,
            batch_size=batch_size,
            shard_index=shard_index,
            shard_count=shard_count,
            # Not the problem count: a later run with a larger one extends this.
            settings={
                "released_file": f"test_data/{method.domain}/{experiment}.jsonl",
                "models": identity["models"],
            },
            progress=progress,
            tensorboard=False,
            **models,
        )
        measured[experiment] = {
            **experiment_summary(
                method.domain, problems, read_records(run_dir), len(released)
            ),
            "results_dir": experiment,
        }
    summary = {
        "format": SUMMARY_FORMAT,
        **identity,
        "options": dataclasses.asdict(options),
        "machine": _machine(),
        "experiments": {
            e: (measured.get(e) or kept[e])
            for e in parse_experiments(None)
            if e in measured or e in kept
        },
    }
    _write_json(summary_path, summary)
    return summary


def measure_preset(output_dir, name: str, *, label=None, source=None, **kwargs):
    """`measure` with the models of a preset (see `exedec_tf.presets.prepare`).

    Args:
      name: the preset, e.g. "robustfill_none_exedec_small".
      label: the table label (default: by method).
      source: keyword arguments of `prepare` (bucket_url, cache_dir, ...).
      kwargs: keyword arguments of `measure`.
    """
    from exedec_tf.presets.api import prepare

    prepared = prepare(name, **(source or {}))
    method = MeasuredMethod(
        domain=prepared.preset.domain,
        model_paths=prepared.model_ids(),
        label=label,
        preset=name,
    )
    return measure(output_dir, method, models=prepared.load_models(), **kwargs)


def load_summary(path) -> dict:
    """A `measurement.json` (or its folder), checked.

    Raises:
      MeasureError: no such file, or not a measurement summary of this format.
    """
    path = pathlib.Path(path)
    if path.is_dir():
        path = path / SUMMARY_NAME
    if not path.is_file():
        raise MeasureError(f"no measurement summary at {path}")
    try:
        summary = json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise MeasureError(f"{path} is not JSON: {error}") from None
    if not isinstance(summary, dict) or summary.get("format") != SUMMARY_FORMAT:
        raise MeasureError(
            f"{path} is not a measurement summary of format {SUMMARY_FORMAT}"
        )
    return summary
