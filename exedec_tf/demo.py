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
import json
import pathlib
import sys
import time

from exedec_tf import stages
from exedec_tf.errors import ConfigError
from exedec_tf.experiment_config import ExperimentConfig, TrainConfig
from exedec_tf.models.model_type import ModelType

DOMAIN = "robustfill"
# The two models the demo trains, in training order.
MODEL_TYPES = (ModelType.SPEC_DECOMPOSER, ModelType.SYNTHESIZER)
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
      scale: TFDS size preset of the generated splits (see
        `exedec_tf.data.split_sizes`).
      model_scale: config scale of the two models (`tiny`, `small`, `paper`);
        the front end resolves the configs of that scale.
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
                raise ConfigError(f"{name} must be a positive int, got {value!r}")
        if self.max_parts is not None and (
            type(self.max_parts) is not int or self.max_parts < 1
        ):
            raise ConfigError(
                f"max_parts must be a positive int or None, got {self.max_parts!r}"
            )
        # The training knobs obey the training config's rules.
        self.train_config(TrainConfig())

    def train_config(self, base: TrainConfig) -> TrainConfig:
        """`base` with the demo's training length and batch."""
        return dataclasses.replace(
            base,
            num_steps=self.train_steps,
            steps_per_loop=self.steps_per_loop,
            batch_size=self.batch_size,
            group_size=min(self.batch_size, 16),
        )

    def configure(self, config: ExperimentConfig) -> ExperimentConfig:
        """One model's config with the demo's data, training and loop settings."""
        return dataclasses.replace(
            config.override(
                {
                    "data.experiment": self.experiment,
                    "data.scale": self.scale,
                    "inference.beam_size": self.beam_size,
                    "inference.batch_size": self.batch_problems,
                }
            ),
            train=self.train_config(config.train),
        )


class _Progress:
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


def _show_solved(summary: dict, count: int, progress: _Progress) -> None:
    from exedec_tf import domains

    domain = domains.get(DOMAIN)
    solved = [p for p in summary["problems"] if p["solved"]][:count]
    for record in solved:
        progress.say(f"problem {record['index']}: solved in {record['steps']} steps")
        program = record["predicted_program"]
        progress.say(f"  program: {domain.describe_program(program)}")
        for x, y in list(zip(record["inputs"], record["outputs"], strict=True))[:2]:
            progress.say(f"  example: {x!r} -> {y!r}")
        for step, parts in enumerate(record["subgoals"], 1):
            progress.say(f"  subgoal {step}: {list(parts)}")


def _show_first_errors(summary: dict, progress: _Progress) -> None:
    """Where the unsolved problems first went wrong (the original's analysis:
    the best beam element against the ground-truth decomposition)."""
    records = [r for r in summary["problems"] if not r["solved"]]
    if not records:
        return
    first = {}
    for record in records:
        where = record.get("first_error") or "no single first error"
        first[where] = first.get(where, 0) + 1
    progress.say(
        "unsolved problems, by the first wrong prediction of the best element:"
    )
    for where, count in sorted(first.items(), key=lambda item: -item[1]):
        progress.say(f"  {count:4d}  {where}")
    progress.say(
        "tiny models trained for minutes rarely predict every example's subgoal "
        "exactly; train longer (--train_steps), or use --model_scale=small"
    )


def run_demo(
    work_dir,
    configs,
    released_dir=None,
    settings: DemoSettings | None = None,
    out=None,
) -> dict:
    """Runs the whole pipeline; returns the evaluation summary.

    Args:
      work_dir: folder for the dataset, training runs, exports and results
        (created; reused by a rerun).
      configs: the configs of the two models, in `MODEL_TYPES` order (the
        front end resolves them by name at `settings.model_scale`);
        `settings` overrides their data, training and loop fields.
      released_dir: folder holding the released `test_data/` (and
        `llm_data/`); None downloads them into the cache.
      settings: sizes and knobs (defaults: `DemoSettings()`).
      out: text stream for progress (default stdout).
    """
    from exedec_tf.synthesis import loading, user_examples

    out = out or sys.stdout
    settings = settings or DemoSettings()
    configs = [settings.configure(config) for config in configs]
    found = tuple(config.model_type for config in configs)
    if found != MODEL_TYPES:
        raise ConfigError(f"the demo needs configs of {MODEL_TYPES}, got {found}")
    work_dir = pathlib.Path(work_dir)
    progress = _Progress(6, out)

    progress.begin(
        f"Building the RobustFill {settings.experiment} dataset "
        f"({settings.scale} scale) with the TFDS builder"
    )
    dataset_dir = stages.build_dataset(
        configs[0], work_dir / "tfds", manual_dir=released_dir
    )
    progress.say(f"dataset: {dataset_dir}")

    # Training runs belong to one dataset and model size.
    model_dir = work_dir / (
        f"{settings.experiment.lower()}_{settings.scale}_{settings.model_scale}"
    )
    progress.begin(
        f"Training {settings.model_scale} SpecDecomposer and Synthesizer "
        f"models, {settings.train_steps} steps each"
    )
    for config in configs:
        name = config.model_type.short
        progress.say(f"training the {name} (checkpoints in {model_dir / 'train'})")
        _, history = stages.train(
            config, dataset_dir, model_dir / "train" / name, verbose=2
        )
        if history.history.get("loss"):
            progress.say(
                f"{name}: final loss {history.history['loss'][-1]:.3f}, "
                f"sequence accuracy {history.history['sequence_accuracy'][-1]:.3f}"
            )

    progress.begin("Exporting both models as SavedModels (XLA beam search)")
    # Exports and results belong to one training length: a rerun with more
    # steps continues training and then exports and evaluates afresh.
    run_dir = model_dir / f"step_{settings.train_steps}"
    paths = {}
    for config in configs:
        name = config.model_type.short
        paths[name] = str(
            stages.export(
                config,
                model_dir / "train" / name,
                run_dir / "export" / name,
                reuse=True,
            )
        )
        progress.say(f"{name}: {paths[name]}")
    model_paths = loading.ModelPaths(**paths)

    which = (
        ""
        if settings.max_parts is None
        else (f" with at most {settings.max_parts} program parts")
    )
    progress.begin(
        f"Running ExeDec (beam {settings.beam_size}) on the first "
        f"{settings.num_problems} released {settings.experiment} test problems"
        f"{which}"
    )
    problems_file = select_problems(
        _released_file(settings, released_dir),
        settings.max_parts,
        work_dir / f"problems_{settings.experiment}_max{settings.max_parts}.jsonl",
    )
    progress.say(f"problems: {problems_file}")
    results_dir = run_dir / (
        f"results_beam{settings.beam_size}_max{settings.max_parts or 'all'}"
    )
    inference = configs[-1].inference
    summary = stages.evaluate(
        inference,
        model_paths,
        results_dir,
        released_file=problems_file,
        domain=DOMAIN,
        num_problems=settings.num_problems,
    )

    progress.begin("Results")
    totals = summary["totals"]
    progress.say(
        f"solved {totals['num_solved']} of {totals['num_problems']} problems "
        f"(accuracy {100 * totals['accuracy']:.1f}%), "
        f"{totals['mean_time_per_problem_s']:.2f} s per problem"
    )
    _show_solved(summary, settings.show, progress)
    _show_first_errors(summary, progress)
    progress.say(f"per-problem results: {results_dir}")

    progress.begin("Synthesizing a program for a hand-written example")
    for x, y in HAND_WRITTEN_EXAMPLES:
        progress.say(f"{x!r} -> {y!r}")
    problem, report = stages.synthesize(
        inference, DOMAIN, HAND_WRITTEN_EXAMPLES, model_paths
    )
    for line in user_examples.format_report(problem, report).splitlines():
        progress.say(line)
    progress.say(
        "same call from the shell: exedec-tf synthesize --domain=robustfill "
        f"--spec_decomposer={paths['spec_decomposer']} "
        f"--synthesizer={paths['synthesizer']} "
        + " ".join(f"--example '{x} -> {y}'" for x, y in HAND_WRITTEN_EXAMPLES)
    )
    return summary
