"""Model-card tables from measurement summaries (`measure.py`).

Two Markdown tables: per experiment, the methods side by side (accuracy,
problems evaluated, mean seconds per problem), as the paper's table; and the
NONE accuracy by number of program parts. Every cell shows how many problems
it rests on, so a partial measurement (the first n released problems) never
reads as the full test set. `update_model_card` puts them between the
markers `<!-- measured:begin -->` and `<!-- measured:end -->` of a
MODEL_CARD.md.
"""

import pathlib

from exedec_tf.presets.measure import MeasureError, load_summary, parse_experiments

BEGIN = "<!-- measured:begin -->"
END = "<!-- measured:end -->"
LABELS = {
    "exedec": "ExeDec",
    "ablation": "No-subgoal ablation",
    "baseline": "Transformer baseline",
}
GENERALIZATION = parse_experiments(None)[1:]


def _label(summary: dict) -> str:
    return LABELS.get(summary["label"], summary["label"])


def _check(summaries) -> list[dict]:
    summaries = [load_summary(s) if not isinstance(s, dict) else s for s in summaries]
    if not summaries:
        raise MeasureError("no measurement summaries given")
    domains = sorted({s["domain"] for s in summaries})
    if len(domains) > 1:
        raise MeasureError(f"summaries of different domains {domains}")
    labels = [s["label"] for s in summaries]
    repeated = sorted({x for x in labels if labels.count(x) > 1})
    if repeated:
        raise MeasureError(f"two summaries labelled {', '.join(repeated)}")
    # Columns in the paper's order (ExeDec, ablation, baseline), others after.
    order = list(LABELS)
    return sorted(
        summaries,
        key=lambda s: order.index(s["label"]) if s["label"] in order else len(order),
    )


def _percent(solved: int, n: int) -> str:
    return f"{100 * solved / n:.1f}" if n else "—"


def _count(figures: dict) -> str:
    """Problems evaluated, with the released total when fewer."""
    n, total = figures["num_evaluated"], figures["num_released"]
    return str(n) if n == total else f"{n} of {total}"


def _seconds(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def _generalization_mean(experiments: dict):
    """(mean accuracy % of the five splits, problems in all), or None."""
    figures = [experiments.get(e) for e in GENERALIZATION]
    if any(f is None or not f["num_evaluated"] for f in figures):
        return None
    mean = sum(100 * f["accuracy"] for f in figures) / len(figures)
    return mean, sum(f["num_evaluated"] for f in figures)


def experiments_table(summaries) -> str:
    """Per experiment: each method's accuracy (%), problems evaluated and mean
    seconds per problem, plus the mean of the five generalization splits
    where a method has all five. Methods in the paper's order (ExeDec, the
    ablation, the baseline), then others by the order given."""
    summaries = _check(summaries)
    header = ["experiment"]
    for s in summaries:
        label = _label(s)
        header += [f"{label}: accuracy %", f"{label}: n", f"{label}: mean s/problem"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for experiment in parse_experiments(None):
        if not any(experiment in s["experiments"] for s in summaries):
            continue
        row = [experiment]
        for s in summaries:
            figures = s["experiments"].get(experiment)
            if figures is None:
                row += ["—", "0", "—"]
                continue
            row += [
                _percent(figures["num_solved"], figures["num_evaluated"]),
                _count(figures),
                _seconds(figures["mean_time_s"]),
            ]
        lines.append("| " + " | ".join(row) + " |")
    means = [_generalization_mean(s["experiments"]) for s in summaries]
    if any(m is not None for m in means):
        row = ["mean of the 5 generalization splits"]
        for mean in means:
            row += (
                ["—", "0", "—"]
                if mean is None
                else [f"{mean[0]:.1f}", str(mean[1]), "—"]
            )
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def parts_table(summaries, experiment: str = "NONE") -> str:
    """One row per number of parts of the released program: each method's
    accuracy (%) with solved / evaluated.

    Raises:
      MeasureError: no summary holds `experiment`.
    """
    summaries = _check(summaries)
    (experiment,) = parse_experiments([experiment])
    held = [s for s in summaries if experiment in s["experiments"]]
    if not held:
        raise MeasureError(f"no summary holds experiment {experiment}")
    parts = sorted(
        {int(k) for s in held for k in s["experiments"][experiment]["by_parts"]}
    )
    header = ["parts", *(f"{_label(s)}: accuracy % (solved/n)" for s in held)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for k in parts:
        row = [str(k)]
        for s in held:
            cell = s["experiments"][experiment]["by_parts"].get(str(k))
            if cell is None:
                row.append("— (0/0)")
            else:
                solved, n = cell["num_solved"], cell["num_problems"]
                row.append(f"{_percent(solved, n)} ({solved}/{n})")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def _settings_note(summaries) -> str:
    beams = sorted({s["options"]["beam_size"] for s in summaries})
    models = "; ".join(
        f"{_label(s)}: {s['preset'] or ', '.join(s['models'].values())}"
        for s in summaries
    )
    machines = sorted(
        {
            f"{s['machine']['processor']}, {s['machine']['cpu_count']} CPUs"
            for s in summaries
        }
    )
    partial = any(
        not f["complete"] for s in summaries for f in s["experiments"].values()
    )
    note = (
        f"Beam {'/'.join(map(str, beams))}, the paper's loop options "
        "(detect_invalid, use_execution, discard_repeat_functionality); models: "
        f"{models}. n: problems evaluated, the first n of the released test file "
        "when written `n of N`. Seconds per problem: mean wall time on "
        f"{' / '.join(machines)}."
    )
    if partial:
        note += (
            " PARTIAL MEASUREMENT: cells with `n of N` rest on the first n "
            "released problems only, not the whole test set."
        )
    return note


def measured_section(summaries, parts_experiment: str = "NONE") -> str:
    """The Markdown put between the markers: both tables and a note."""
    summaries = _check(summaries)
    domain = summaries[0]["domain"]
    blocks = [
        f"Measured accuracy on the released {domain} test problems, per experiment:",
        "",
        experiments_table(summaries),
    ]
    if any(parts_experiment in s["experiments"] for s in summaries):
        blocks += [
            f"{parts_experiment} accuracy by number of parts of the released program:",
            "",
            parts_table(summaries, parts_experiment),
        ]
    blocks.append(_settings_note(summaries))
    return "\n".join(blocks) + "\n"


def replace_marked(text: str, replacement: str, where: str = "the text") -> str:
    """`text` with what lies between the markers replaced (markers kept).

    Raises:
      MeasureError: a marker is missing, repeated, or the end comes first.
    """
    for marker in (BEGIN, END):
        count = text.count(marker)
        if count != 1:
            raise MeasureError(
                f"{where} must hold the marker {marker!r} exactly once "
                f"(found {count} times)"
            )
    start, stop = text.index(BEGIN) + len(BEGIN), text.index(END)
    if stop < start:
        raise MeasureError(f"in {where}, {END!r} comes before {BEGIN!r}")
    return text[:start] + "\n" + replacement.strip("\n") + "\n" + text[stop:]


def update_model_card(path, summaries, parts_experiment: str = "NONE") -> str:
    """Writes the measured tables between the markers of a model card.

    Returns:
      The section written.

    Raises:
      MeasureError: no such file, or its markers are missing or misplaced.
    """
    path = pathlib.Path(path)
    if not path.is_file():
        raise MeasureError(f"no model card at {path}")
    section = measured_section(summaries, parts_experiment)
    path.write_text(replace_marked(path.read_text(), section, str(path)))
    return section
