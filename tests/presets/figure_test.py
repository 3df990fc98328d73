from exedec_tf.presets.figure import bar_chart
from exedec_tf.presets.registry import EXPERIMENTS, Preset
from exedec_tf.presets.table import RunAccuracy, table_cells


def test_bar_chart_writes_a_png(tmp_path):
    runs = [
        RunAccuracy(Preset("deepcoder", e, m, s), 0.3 + 0.05 * s / 10, 5)
        for e in EXPERIMENTS
        for m in ("exedec", "ablation", "baseline")
        for s in (10, 20)
    ]
    path = bar_chart(table_cells(runs, "deepcoder"), "deepcoder", tmp_path / "f.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
