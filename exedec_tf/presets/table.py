"""The paper's results table from per-preset accuracies: Markdown and CSV.

One cell per experiment and method: the mean accuracy over seeds and the
95% confidence interval of that mean, plus a row for the mean over the five
generalization splits (per seed over the five, then over seeds). The
third-party figures of `reference.py` stand beside ours, labelled so.
"""

import csv
import dataclasses
import io

from exedec_tf.presets.reference import reference_figures
from exedec_tf.presets.registry import EXPERIMENTS, METHODS, Preset
from exedec_tf.presets.stats import mean_ci95

GENERALIZATION = EXPERIMENTS[1:]
GENERALIZATION_MEAN = "GENERALIZATION_MEAN"
ROWS = (*EXPERIMENTS, GENERALIZATION_MEAN)
METHOD_LABELS = {
    "exedec": "ExeDec",
    "ablation": "No-subgoal ablation",
    "baseline": "Transformer baseline",
}


@dataclasses.dataclass(frozen=True)
class RunAccuracy:
    """The evaluated accuracy of one preset."""

    preset: Preset
    # Fraction solved, 0..1.
    accuracy: float
    num_problems: int


@dataclasses.dataclass(frozen=True)
class Cell:
    """One experiment (or the generalization mean) and method."""

    experiment: str
    method: str
    # Accuracy in % by seed.
    per_seed: dict
    mean: float
    # Half-width of the 95% CI of the mean; None with one seed.
    ci95: float | None
    # Problems per run (the smallest, if runs differ).
    num_problems: int
    # Third-party figure (%) and its source, if known.
    reference: float | None = None
    reference_source: str | None = None


def _reference(domain, method, experiment):
    ref = reference_figures(domain, method)
    if ref is None:
        return None, None
    if experiment == GENERALIZATION_MEAN:
        values = [ref.accuracy[e] for e in GENERALIZATION]
        return sum(values) / len(values), ref.source
    return ref.accuracy.get(experiment), ref.source


def table_cells(runs, domain: str) -> list[Cell]:
    """The cells of the table, in ROWS x METHODS order, for what was run."""
    by_key = {}
    for run in runs:
        if run.preset.domain != domain:
            continue
        key = (run.preset.experiment, run.preset.method)
        by_key.setdefault(key, {})[run.preset.seed] = run
    cells = []
    for method in METHODS:
        gen_seeds = None
        for experiment in GENERALIZATION:
            seeds = set(by_key.get((experiment, method), {}))
            gen_seeds = seeds if gen_seeds is None else gen_seeds & seeds
        for experiment in ROWS:
            if experiment == GENERALIZATION_MEAN:
                if not gen_seeds:
                    continue
                per_seed = {
                    s: sum(
                        100 * by_key[(e, method)][s].accuracy for e in GENERALIZATION
                    )
                    / len(GENERALIZATION)
                    for s in sorted(gen_seeds)
                }
                sizes = [
                    by_key[(e, method)][s].num_problems
                    for e in GENERALIZATION
                    for s in gen_seeds
                ]
            else:
                runs_here = by_key.get((experiment, method))
                if not runs_here:
                    continue
                per_seed = {s: 100 * r.accuracy for s, r in sorted(runs_here.items())}
                sizes = [r.num_problems for r in runs_here.values()]
            mean, ci = mean_ci95(per_seed.values())
            reference, source = _reference(domain, method, experiment)
            cells.append(
                Cell(
                    experiment,
                    method,
                    per_seed,
                    mean,
                    ci,
                    min(sizes),
                    reference,
                    source,
                )
            )
    order = {e: i for i, e in enumerate(ROWS)}
    return sorted(cells, key=lambda c: (order[c.experiment], METHODS.index(c.method)))


def _value(mean, ci) -> str:
    return f"{mean:.1f}" if ci is None else f"{mean:.1f} ± {ci:.1f}"


def markdown_table(cells, domain: str) -> str:
    """The table as Markdown, with a note on seeds, CI and third-party figures."""
    methods = [m for m in METHODS if any(c.method == m for c in cells)]
    refs = [
        m
        for m in methods
        if any(c.reference is not None and c.method == m for c in cells)
    ]
    header = ["experiment", *(METHOD_LABELS[m] for m in methods)]
    header += [f"{METHOD_LABELS[m]}, third-party" for m in refs]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    by_key = {(c.experiment, c.method): c for c in cells}
    for experiment in ROWS:
        if not any((experiment, m) in by_key for m in methods):
            continue
        row = [
            experiment
            if experiment != GENERALIZATION_MEAN
            else "mean of the 5 generalization splits"
        ]
        for m in methods:
            cell = by_key.get((experiment, m))
            row.append("—" if cell is None else _value(cell.mean, cell.ci95))
        for m in refs:
            cell = by_key.get((experiment, m))
            ref = None if cell is None else cell.reference
            row.append("—" if ref is None else f"{ref:.1f}")
        lines.append("| " + " | ".join(row) + " |")
    seeds = sorted({s for c in cells for s in c.per_seed})
    sizes = sorted({c.num_problems for c in cells})
    sources = sorted(
        {
            c.reference_source.removeprefix("third-party: ")
            for c in cells
            if c.reference_source
        }
    )
    notes = [
        "",
        f"{domain}: accuracy (%) of the published checkpoints evaluated by exedec-tf "
        f"(beam 10, paper options), mean over seeds {seeds} ± the half-width of the "
        "95% confidence interval of the mean (Student t; none with one seed); "
        f"{'/'.join(map(str, sizes))} test problems per run.",
    ]
    if sources:
        notes.append(
            "Third-party columns are NOT ours and NOT the paper's: re-evaluations "
            "of ExeDec by others (" + "; ".join(sources) + ")."
        )
    return "\n".join(lines + notes) + "\n"


def csv_table(cells) -> str:
    """One CSV row per cell, per-seed values included."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "experiment",
            "method",
            "num_seeds",
            "mean_accuracy_pct",
            "ci95_halfwidth_pct",
            "per_seed_accuracy_pct",
            "num_problems",
            "third_party_accuracy_pct",
            "third_party_source",
        ]
    )
    for c in cells:
        writer.writerow(
            [
                c.experiment,
                c.method,
                len(c.per_seed),
                f"{c.mean:.3f}",
                "" if c.ci95 is None else f"{c.ci95:.3f}",
                ";".join(f"{s}:{v:.3f}" for s, v in c.per_seed.items()),
                c.num_problems,
                "" if c.reference is None else f"{c.reference:.1f}",
                c.reference_source or "",
            ]
        )
    return out.getvalue()
