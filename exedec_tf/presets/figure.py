"""A bar chart of the table in the style of the paper's Figure 2."""

import pathlib

from exedec_tf.presets.registry import METHODS
from exedec_tf.presets.table import GENERALIZATION_MEAN, METHOD_LABELS, ROWS

_COLORS = {"exedec": "#1f77b4", "ablation": "#ff7f0e", "baseline": "#7f7f7f"}
_SHORT = {
    "NONE": "None",
    "LENGTH_GENERALIZATION": "Length\nGen.",
    "COMPOSE_DIFFERENT_CONCEPTS": "Compose\nDiff.",
    "SWITCH_CONCEPT_ORDER": "Switch\nOrder",
    "COMPOSE_NEW_OP": "Compose\nNew Op",
    "ADD_OP_FUNCTIONALITY": "Add Op\nFunc.",
    GENERALIZATION_MEAN: "Gen.\nmean",
}


def _third_party_label(cells) -> str:
    """`third-party re-evaluation: REGISM project figure, ...` (short names)."""
    names = sorted(
        {
            c.reference_source.removeprefix("third-party: ").split(" (")[0]
            for c in cells
            if c.reference_source
        }
    )
    return "third-party re-evaluation: " + ", ".join(names)


def bar_chart(cells, domain: str, path) -> pathlib.Path:
    """Writes a PNG: grouped bars (mean, 95% CI) per experiment and method,
    third-party figures as black diamonds.

    Returns:
      The PNG path.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    by_key = {(c.experiment, c.method): c for c in cells}
    methods = [m for m in METHODS if any(c.method == m for c in cells)]
    rows = [e for e in ROWS if any((e, m) in by_key for m in methods)]
    width = 0.8 / max(len(methods), 1)
    fig, ax = plt.subplots(figsize=(1.3 * len(rows) + 2, 4.2))
    third_party_shown = False
    for j, method in enumerate(methods):
        xs, heights, errors = [], [], []
        for i, experiment in enumerate(rows):
            cell = by_key.get((experiment, method))
            if cell is None:
                continue
            x = i + (j - (len(methods) - 1) / 2) * width
            xs.append(x)
            heights.append(cell.mean)
            errors.append(0.0 if cell.ci95 is None else cell.ci95)
            if cell.reference is not None:
                ax.plot(
                    x,
                    cell.reference,
                    marker="D",
                    color="black",
                    markersize=5,
                    linestyle="none",
                    label=None if third_party_shown else _third_party_label(cells),
                )
                third_party_shown = True
        ax.bar(
            xs,
            heights,
            width,
            yerr=errors,
            capsize=3,
            color=_COLORS[method],
            label=f"{METHOD_LABELS[method]} (exedec-tf)",
        )
    ax.set_xticks(range(len(rows)), [_SHORT[e] for e in rows], fontsize=8)
    ax.set_ylim(0, 105)
    ax.set_ylabel("test accuracy (%)")
    seeds = sorted({s for c in cells for s in c.per_seed})
    ax.set_title(
        f"{domain}: published checkpoints, beam 10, seeds {seeds} "
        "(error bars: 95% CI of the mean)",
        fontsize=9,
    )
    ax.legend(
        fontsize=7,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncol=4,
        frameon=False,
    )
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
