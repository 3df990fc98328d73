import csv
import io

import pytest

from exedec_tf.presets.registry import EXPERIMENTS, Preset
from exedec_tf.presets.table import (
    GENERALIZATION_MEAN,
    RunAccuracy,
    csv_table,
    markdown_table,
    table_cells,
)


def _runs(domain="robustfill", method="exedec", seeds=(10, 20), base=0.5):
    return [
        RunAccuracy(Preset(domain, e, method, s), base + 0.01 * i + 0.02 * j, 1000)
        for i, e in enumerate(EXPERIMENTS)
        for j, s in enumerate(seeds)
    ]


def test_cells_mean_ci_and_generalization_mean():
    cells = table_cells(_runs() + _runs(method="ablation", seeds=(10,)), "robustfill")
    by_key = {(c.experiment, c.method): c for c in cells}
    none = by_key[("NONE", "exedec")]
    assert none.per_seed == {10: pytest.approx(50.0), 20: pytest.approx(52.0)}
    assert none.mean == pytest.approx(51.0)
    # Two seeds: t_1 * stdev / sqrt(2) = 12.7062 * 1.41421 / 1.41421.
    assert none.ci95 == pytest.approx(12.7062, rel=1e-4)
    gen = by_key[(GENERALIZATION_MEAN, "exedec")]
    # Splits 1..5 add 1..5 points: mean 3 above NONE per seed.
    assert gen.per_seed == {10: pytest.approx(53.0), 20: pytest.approx(55.0)}
    assert by_key[("NONE", "ablation")].ci95 is None
    # Third-party TIIPS figure for RobustFill ExeDec NONE, mean of its splits.
    assert none.reference == 95
    assert gen.reference == pytest.approx((90 + 98 + 97 + 87 + 62) / 5)
    assert by_key[("NONE", "ablation")].reference is None
    assert [c.experiment for c in cells][:2] == ["NONE", "NONE"]


def test_generalization_mean_needs_all_five_splits_of_a_seed():
    runs = [r for r in _runs() if r.preset.experiment != "COMPOSE_NEW_OP"]
    cells = table_cells(runs, "robustfill")
    assert GENERALIZATION_MEAN not in {c.experiment for c in cells}
    assert table_cells(runs, "deepcoder") == []


def test_markdown_labels_third_party_columns():
    text = markdown_table(table_cells(_runs(), "robustfill"), "robustfill")
    lines = text.splitlines()
    assert lines[0] == "| experiment | ExeDec | ExeDec, third-party |"
    assert lines[2] == "| NONE | 51.0 ± 12.7 | 95.0 |"
    assert "| mean of the 5 generalization splits | 54.0 ± 12.7 | 86.8 |" in lines
    assert "NOT ours and NOT the paper's" in text and "TIIPS" in text
    assert "seeds [10, 20]" in text and "1000 test problems" in text


def test_csv_rows():
    rows = list(
        csv.DictReader(io.StringIO(csv_table(table_cells(_runs(), "robustfill"))))
    )
    assert len(rows) == 7
    assert rows[0]["experiment"] == "NONE" and rows[0]["num_seeds"] == "2"
    assert rows[0]["per_seed_accuracy_pct"] == "10:50.000;20:52.000"
    assert rows[0]["third_party_accuracy_pct"] == "95.0"
