"""Model-card tables from measurement summaries and the marked-section update."""

import pytest

from exedec_tf.presets import model_card
from exedec_tf.presets.measure import MeasureError


def _figures(solved, n, released=1000, by_parts=None, mean=1.5):
    return {
        "num_released": released,
        "num_requested": n,
        "num_evaluated": n,
        "complete": n == released,
        "num_solved": solved,
        "accuracy": solved / n,
        "mean_time_s": mean,
        "median_time_s": mean,
        "by_parts": by_parts or {},
    }


def _summary(label, experiments, domain="robustfill"):
    return {
        "format": 1,
        "label": label,
        "method": {"exedec": "separate", "ablation": "joint"}[label],
        "domain": domain,
        "preset": f"{domain}_none_{label}_small",
        "models": {},
        "options": {"beam_size": 10},
        "machine": {"processor": "x86_64", "cpu_count": 2},
        "experiments": experiments,
    }


PARTS = {
    "1": {"num_problems": 10, "num_solved": 9, "accuracy": 0.9},
    "2": {"num_problems": 8, "num_solved": 4, "accuracy": 0.5},
}
EXEDEC = _summary(
    "exedec",
    {
        "NONE": _figures(250, 1000, by_parts=PARTS, mean=2.25),
        "COMPOSE_NEW_OP": _figures(3, 100),
    },
)
ABLATION = _summary(
    "ablation",
    {"NONE": _figures(200, 1000, by_parts={"1": PARTS["1"]}, mean=1.0)},
)


def _rows(table):
    return [line.split(" | ") for line in table.strip().splitlines()[2:]]


def test_experiments_side_by_side_with_counts():
    table = model_card.experiments_table([ABLATION, EXEDEC])  # reordered
    header = table.splitlines()[0]
    assert header.index("ExeDec: n") < header.index("No-subgoal ablation: n")
    assert "ExeDec: accuracy %" in header and "No-subgoal ablation: n" in header
    none, compose = _rows(table)
    assert none == ["| NONE", "25.0", "1000", "2.25", "20.0", "1000", "1.00 |"]
    # A partial cell says so; a method without the experiment shows 0 problems.
    assert compose == [
        "| COMPOSE_NEW_OP",
        "3.0",
        "100 of 1000",
        "1.50",
        "—",
        "0",
        "— |",
    ]
    assert "generalization" not in table  # not all five splits measured


def test_generalization_mean_needs_all_five_splits():
    splits = model_card.GENERALIZATION
    experiments = {e: _figures(10 * (i + 1), 100) for i, e in enumerate(splits)}
    table = model_card.experiments_table([_summary("exedec", experiments)])
    mean = _rows(table)[-1]
    assert mean[0] == "| mean of the 5 generalization splits"
    assert mean[1:3] == ["30.0", "500"]


def test_parts_table_shows_solved_over_n():
    table = model_card.parts_table([EXEDEC, ABLATION])
    assert _rows(table) == [
        ["| 1", "90.0 (9/10)", "90.0 (9/10) |"],
        ["| 2", "50.0 (4/8)", "— (0/0) |"],
    ]
    with pytest.raises(MeasureError, match="no summary holds experiment ADD_OP"):
        model_card.parts_table([EXEDEC], "ADD_OP_FUNCTIONALITY")


def test_partial_measurements_are_flagged():
    assert "PARTIAL MEASUREMENT" in model_card.measured_section([EXEDEC])
    complete = _summary("ablation", {"NONE": _figures(1, 1000)})
    section = model_card.measured_section([complete])
    assert "PARTIAL" not in section
    assert "robustfill_none_ablation_small" in section and "Beam 10" in section


def test_inconsistent_summaries_are_refused():
    with pytest.raises(MeasureError, match="different domains"):
        model_card.experiments_table([EXEDEC, _summary("ablation", {}, "deepcoder")])
    with pytest.raises(MeasureError, match="two summaries labelled exedec"):
        model_card.experiments_table([EXEDEC, EXEDEC])
    with pytest.raises(MeasureError, match="no measurement summaries"):
        model_card.experiments_table([])


def test_marked_section_is_replaced_and_the_rest_kept(tmp_path):
    card = tmp_path / "MODEL_CARD.md"
    card.write_text(
        f"# Card\nintro\n{model_card.BEGIN}\nold table\n{model_card.END}\noutro\n"
    )
    section = model_card.update_model_card(card, [EXEDEC, ABLATION])
    text = card.read_text()
    assert text.startswith(f"# Card\nintro\n{model_card.BEGIN}\n")
    assert text.endswith(f"\n{model_card.END}\noutro\n")
    assert "old table" not in text and section.strip() in text
    # Idempotent: a second update gives the same file.
    model_card.update_model_card(card, [EXEDEC, ABLATION])
    assert card.read_text() == text


def test_bad_markers_are_named(tmp_path):
    begin, end = model_card.BEGIN, model_card.END
    with pytest.raises(MeasureError, match=f"card.md must hold the marker '{begin}'"):
        model_card.replace_marked(f"x\n{end}\n", "t", "card.md")
    with pytest.raises(MeasureError, match="found 2 times"):
        model_card.replace_marked(f"{begin}{end}{end}", "t")
    with pytest.raises(MeasureError, match="comes before"):
        model_card.replace_marked(f"{end}\n{begin}", "t")
    with pytest.raises(MeasureError, match="no model card at"):
        model_card.update_model_card(tmp_path / "missing.md", [EXEDEC])
