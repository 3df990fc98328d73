"""The main job end to end, small enough for a laptop: `exedec-tf demo`.

1. Build a small RobustFill dataset (one experiment) with the TFDS builder.
2. Train a tiny SpecDecomposer and a tiny Synthesizer on it.
3. Export both as SavedModels with the XLA beam search.
4. Run ExeDec (beam 10) on the first released test problems of the split.
5. Print the accuracy and a few solved problems with their subgoals.
6. Synthesize a program for a hand-written example.

Every stage keeps its results in the work folder: a rerun reuses the dataset,
resumes or skips training, reuses the exports and skips problems already
evaluated. Tiny models trained for minutes on a CPU solve few problems; the
demo shows the pipeline, not the paper's accuracy (that needs the `paper`
configs, a paper-scale dataset and an accelerator).
"""

import dataclasses
import importlib
import json
import pathlib
import sys
import time

DOMAIN = "robustfill"
# A hand-written problem for the synthesize stage: the first letters of two
# words, upper-cased, joined by a dot.
HAND_WRITTEN_EXAMPLES = (
    ("alan turing", "A.T"),
    ("grace hopper", "G.H"),
    ("ada lovelace", "A.L"),
    ("edsger dijkstra", "E.D"),
)


@dataclasses.dataclass(frozen=True)
class DemoSettings:
    """What the demo builds, trains and evaluates.

    Attributes:
      experiment: the generalization split (TFDS config and released file).
      scale: TFDS size preset of the generated splits (see `tfds_base.SCALES`).
      model_scale: config scale of the two models (`tiny`, `small`, `paper`).
      train_steps: updates per model.
      steps_per_loop: updates between checkpoints.
      batch_size: global training batch.
      num_problems: released test problems to evaluate.
      max_parts: evaluate only released problems whose ground-truth program
        has at most this many parts (None: all, in file order). Tiny models
        trained for minutes solve some one- and two-part programs and almost
        none of the longer ones.
      batch_problems: problems advancing through the loop together.
      beam_size: K of the outer beam and of every beam search.
      show: solved problems to print.
    """

    experiment: str = "NONE"
    scale: str = "small"
    model_scale: str = "tiny"
    train_steps: int = 1500
    steps_per_loop: int = 250
    batch_size: int = 32
    num_problems: int = 40
    max_parts: int | None = 2
    batch_problems: int = 8
    beam_size: int = 10
    show: int = 3

    def __post_init__(self):
        for name in (
            "train_steps",
            "steps_per_loop",
            "batch_size",
            "num_problems",
            "batch_problems",
            "beam_size",
        ):
            value = getattr(self, name)
            if type(value) is not int or value < 1:
                raise ValueError(f"{name} must be a positive int, got {value!r}")
        if self.max_parts is not None and (
            type(self.max_parts) is not int or self.max_parts < 1
        ):
            raise ValueError(
                f"max_parts must be a positive int or None, got {self.max_parts!r}"
            )
        if self.train_steps % self.steps_per_loop:
            raise ValueError(
                f"train_steps {self.train_steps} must be a multiple of "
                f"steps_per_loop {self.steps_per_loop}"
            )


def repository_root() -> pathlib.Path:
    """The checkout holding `tfds_builders/` (the demo runs from a clone)."""
    root = pathlib.Path(__file__).resolve().parents[1]
    if not (root / "tfds_builders").is_dir():
        raise FileNotFoundError(
            f"no tfds_builders/ folder beside the exedec_tf package in {root}; "
            "the demo needs a clone of the repository (pip install -e .)"
        )
    return root


def _load_builder_class(domain: str):
    """The `Builder` class of `tfds_builders/exedec_<domain>` in the checkout.

    TFDS reads the builder's README and citations through its package, so the
    module is imported as `tfds_builders.exedec_<domain>....` with the
    checkout on the import path.
    """
    root = str(repository_root())
    if root not in sys.path:
        sys.path.append(root)
    name = f"exedec_{domain}"
    module = importlib.import_module(
        f"exedec_tf.datasets.{name}.{name}_dataset_builder"
    )
    return module.Builder


class _Stages:
    """Numbered, timed progress lines on `out`."""

    def __init__(self, total: int, out):
        self._total, self._out, self._number = total, out, 0
        self._start = time.monotonic()

    def begin(self, text: str) -> None:
        self._number += 1
        elapsed = time.monotonic() - self._start
        print(
            f"\n[{self._number}/{self._total}] {text}  (t = {elapsed:.0f} s)",
            file=self._out,
            flush=True,
        )

    def say(self, text: str) -> None:
        print(f"    {text}", file=self._out, flush=True)


def build_dataset(settings: DemoSettings, data_dir, manual_dir=None) -> pathlib.Path:
    """Builds (or reuses) the TFDS dataset; returns its version folder."""
    import tensorflow_datasets as tfds

    from exedec_tf.data.tfds_base import ExeDecConfig

    config = ExeDecConfig(
        name=f"{settings.experiment.lower()}_{settings.scale}",
        experiment=settings.experiment,
        scale=settings.scale,
    )
    builder = _load_builder_class(DOMAIN)(config=config, data_dir=str(data_dir))
    download_config = tfds.download.DownloadConfig(
        manual_dir=str(manual_dir) if manual_dir else None
    )
    builder.download_and_prepare(download_config=download_config)
    return pathlib.Path(builder.data_dir)


def train_model(settings: DemoSettings, model_type: str, dataset_dir, workdir):
    """Trains (or resumes, or skips when done) one model; returns its config."""
    from exedec_tf.configs import get_config
    from exedec_tf.training import data, loop

    config = get_config(
        f"{DOMAIN}_{model_type}_{settings.model_scale}",
        num_steps=settings.train_steps,
        steps_per_loop=settings.steps_per_loop,
        batch_size=settings.batch_size,
        group_size=min(settings.batch_size, 16),
    )
    examples = data.load_examples(config, dataset_dir)
    _, history = loop.train(config, examples, workdir, verbose=2)
    return config, history


def export_model(config, workdir, export_dir) -> pathlib.Path:
    """Exports the newest checkpoint of `workdir` (reused when present)."""
    from exedec_tf.decoding.settings import SearchSettings
    from exedec_tf.serving import export_beam_search_model
    from exedec_tf.serving.trained_model import trained_model

    export_dir = pathlib.Path(export_dir)
    if (export_dir / "saved_model.pb").exists():
        return export_dir
    model = trained_model(config, str(workdir))
    return export_beam_search_model(
        model, export_dir, config.model_type, SearchSettings.from_experiment(config)
    )


def _released_file(settings: DemoSettings, released_dir) -> pathlib.Path:
    from exedec_tf.data import released, sources

    if released_dir is None:
        sources.fetch_family("test_data")
        released_dir = sources.default_cache_dir()
    return released.released_file(
        pathlib.Path(released_dir) / "test_data", DOMAIN, settings.experiment
    )


def select_problems(released_file, max_parts: int | None, out_file) -> pathlib.Path:
    """Writes the released rows whose program has at most `max_parts` parts.

    The rows are copied unchanged (their `index` still points into the
    released file), so `exedec-tf evaluate --released_file=<out_file>` runs
    the same problems. Returns `released_file` itself when `max_parts` is None.
    """
    if max_parts is None:
        return pathlib.Path(released_file)
    rows = pathlib.Path(released_file).read_text().splitlines(keepends=True)
    kept = [
        row
        for row in rows
        if row.strip() and len(json.loads(row)["program"].split("|")) <= max_parts
    ]
    out_file = pathlib.Path(out_file)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text("".join(kept))
    return out_file


def _show_solved(summary: dict, count: int, stages: _Stages) -> None:
    from exedec_tf import domains

    domain = domains.get(DOMAIN)
    solved = [p for p in summary["problems"] if p["solved"]][:count]
    for record in solved:
        stages.say(f"problem {record['index']}: solved in {record['steps']} steps")
        program = record["predicted_program"]
        stages.say(f"  program: {domain.describe_program(program)}")
        for x, y in list(zip(record["inputs"], record["outputs"], strict=True))[:2]:
            stages.say(f"  example: {x!r} -> {y!r}")
        for step, parts in enumerate(record["subgoals"], 1):
            stages.say(f"  subgoal {step}: {list(parts)}")


def _show_first_errors(summary: dict, stages: _Stages) -> None:
    """Where the unsolved problems first went wrong (the original's analysis:
    the best beam element against the ground-truth decomposition)."""
    records = [r for r in summary["problems"] if not r["solved"]]
    if not records:
        return
    first = {}
    for record in records:
        where = record.get("first_error") or "no single first error"
        first[where] = first.get(where, 0) + 1
    stages.say("unsolved problems, by the first wrong prediction of the best element:")
    for where, count in sorted(first.items(), key=lambda item: -item[1]):
        stages.say(f"  {count:4d}  {where}")
    stages.say(
        "tiny models trained for minutes rarely predict every example's subgoal "
        "exactly; train longer (--train_steps), or use --model_scale=small"
    )


def run_demo(
    work_dir,
    released_dir=None,
    settings: DemoSettings | None = None,
    out=None,
) -> dict:
    """Runs the whole pipeline; returns the evaluation summary.

    Args:
      work_dir: folder for the dataset, training runs, exports and results
        (created; reused by a rerun).
      released_dir: folder holding the released `test_data/` (and
        `llm_data/`); None downloads them into the cache.
      settings: sizes and knobs (defaults: `DemoSettings()`).
      out: text stream for progress (default stdout).
    """
    out = out or sys.stdout
    settings = settings or DemoSettings()
    work_dir = pathlib.Path(work_dir)
    stages = _Stages(6, out)

    stages.begin(
        f"Building the RobustFill {settings.experiment} dataset "
        f"({settings.scale} scale) with the TFDS builder"
    )
    dataset_dir = build_dataset(settings, work_dir / "tfds", manual_dir=released_dir)
    stages.say(f"dataset: {dataset_dir}")

    from exedec_tf.synthesis import loading

    # Training runs belong to one dataset and model size.
    model_dir = work_dir / (
        f"{settings.experiment.lower()}_{settings.scale}_{settings.model_scale}"
    )
    exports = {}
    for number, model_type in enumerate(("spec_decomposer", "synthesizer"), 2):
        if number == 2:
            stages.begin(
                f"Training {settings.model_scale} SpecDecomposer and Synthesizer "
                f"models, {settings.train_steps} steps each"
            )
        stages.say(f"training the {model_type} (checkpoints in {model_dir / 'train'})")
        config, history = train_model(
            settings, model_type, dataset_dir, model_dir / "train" / model_type
        )
        if history.history.get("loss"):
            stages.say(
                f"{model_type}: final loss {history.history['loss'][-1]:.3f}, "
                f"sequence accuracy {history.history['sequence_accuracy'][-1]:.3f}"
            )
        exports[model_type] = (config, model_dir / "train" / model_type)

    stages.begin("Exporting both models as SavedModels (XLA beam search)")
    # Exports and results belong to one training length: a rerun with more
    # steps continues training and then exports and evaluates afresh.
    run_dir = model_dir / f"step_{settings.train_steps}"
    paths = {}
    for model_type, (config, train_dir) in exports.items():
        paths[model_type] = str(
            export_model(config, train_dir, run_dir / "export" / model_type)
        )
        stages.say(f"{model_type}: {paths[model_type]}")
    model_paths = loading.ModelPaths(**paths)

    which = (
        ""
        if settings.max_parts is None
        else (f" with at most {settings.max_parts} program parts")
    )
    stages.begin(
        f"Running ExeDec (beam {settings.beam_size}) on the first "
        f"{settings.num_problems} released {settings.experiment} test problems"
        f"{which}"
    )
    problems_file = select_problems(
        _released_file(settings, released_dir),
        settings.max_parts,
        work_dir / f"problems_{settings.experiment}_max{settings.max_parts}.jsonl",
    )
    stages.say(f"problems: {problems_file}")
    from exedec_tf.evaluation.api import evaluate_from_paths

    results_dir = run_dir / (
        f"results_beam{settings.beam_size}_max{settings.max_parts or 'all'}"
    )
    from exedec_tf.synthesis.options import LoopOptions

    summary = evaluate_from_paths(
        results_dir,
        model_paths,
        released_file=problems_file,
        domain=DOMAIN,
        options=LoopOptions(beam_size=settings.beam_size),
        batch_size=settings.batch_problems,
        num_problems=settings.num_problems,
    )

    stages.begin("Results")
    totals = summary["totals"]
    stages.say(
        f"solved {totals['num_solved']} of {totals['num_problems']} problems "
        f"(accuracy {100 * totals['accuracy']:.1f}%), "
        f"{totals['mean_time_per_problem_s']:.2f} s per problem"
    )
    _show_solved(summary, settings.show, stages)
    _show_first_errors(summary, stages)
    stages.say(f"per-problem results: {results_dir}")

    stages.begin("Synthesizing a program for a hand-written example")
    from exedec_tf import domains
    from exedec_tf.synthesis import user_examples

    domain = domains.get(DOMAIN)
    for x, y in HAND_WRITTEN_EXAMPLES:
        stages.say(f"{x!r} -> {y!r}")
    problem = user_examples.problem_from_examples(domain, HAND_WRITTEN_EXAMPLES)
    models = loading.load_models(model_paths, DOMAIN)
    report = user_examples.synthesize_examples(
        problem,
        domain,
        options=LoopOptions(beam_size=settings.beam_size),
        **models,
    )
    for line in user_examples.format_report(problem, report).splitlines():
        stages.say(line)
    stages.say(
        "same call from the shell: exedec-tf synthesize --domain=robustfill "
        f"--spec_decomposer={paths['spec_decomposer']} "
        f"--synthesizer={paths['synthesizer']} "
        + " ".join(f"--example '{x} -> {y}'" for x, y in HAND_WRITTEN_EXAMPLES)
    )
    return summary
