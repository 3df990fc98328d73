"""The grid against a localhost bucket of tiny checkpoints (identical bytes
per model type, so each type is exported once and reused by checksum)."""

import csv
import json

import pytest

from exedec_tf.presets import paper_table
from exedec_tf.presets.registry import select_presets
from tests.conftest import shared_data_dir
from tests.presets.checkpoints import add_preset
from tests.presets.fake_bucket import FakeBucket


@pytest.fixture(scope="module")
def bucket():
    fake = FakeBucket(page_size=50)
    for preset in select_presets("robustfill", seeds=(10, 20)):
        add_preset(fake, preset, steps=(499999,))
    with fake:
        yield fake


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


def _grid(bucket, cache_dir, **kwargs):
    return dict(
        released_dir=shared_data_dir(),
        bucket_url=bucket.url,
        cache_dir=cache_dir,
        progress=False,
        **kwargs,
    )


def test_whole_grid_of_one_method(bucket, cache_dir, tmp_path):
    paths = paper_table.paper_table(
        tmp_path,
        "robustfill",
        **_grid(bucket, cache_dir, methods=["ablation"], seeds=[10], max_problems=1),
    )
    assert sorted(paths) == ["csv", "markdown", "png"]
    runs = sorted((tmp_path / "runs").iterdir())
    assert len(runs) == 6
    exports = [p for p in (cache_dir / "exports").glob("*/*") if p.is_dir()]
    assert len(exports) == 1  # one joint model, reused by checksum
    text = paths["markdown"].read_text()
    assert "mean of the 5 generalization splits" in text
    assert "No-subgoal ablation" in text and "third-party" not in text.split("\n")[0]
    rows = list(csv.DictReader(paths["csv"].open()))
    assert len(rows) == 7
    none = json.loads(
        (tmp_path / "runs/robustfill_none_ablation_seed10/results.json").read_text()
    )
    assert none["totals"]["num_problems"] == 1
    assert none["settings"]["models"]["joint"].startswith(
        "preset:robustfill_none_ablation_seed10:"
    )
    first = rows[0]["per_seed_accuracy_pct"].split(";")[0]
    assert first == f"10:{100 * none['totals']['accuracy']:.3f}"
    assert paths["png"].read_bytes()[:4] == b"\x89PNG"


def test_shards_then_merge(bucket, cache_dir, tmp_path):
    grid = _grid(
        bucket,
        cache_dir,
        experiments=["NONE"],
        methods=["exedec"],
        seeds=[10],
        max_problems=3,
        shard_count=2,
    )
    for index in (0, 1):
        assert (
            paper_table.paper_table(tmp_path, "robustfill", shard_index=index, **grid)
            == {}
        )
    assert not (tmp_path / "paper_table_robustfill.md").exists()
    paths = paper_table.paper_table(
        tmp_path,
        "robustfill",
        merge=True,
        experiments=["NONE"],
        methods=["exedec"],
        seeds=[10],
    )
    merged = json.loads(
        (tmp_path / "runs/robustfill_none_exedec_seed10/results.json").read_text()
    )
    assert merged["totals"]["num_problems"] == 3
    assert "| NONE |" in paths["markdown"].read_text()


def test_no_runs_is_a_clear_error(tmp_path):
    (tmp_path / "runs").mkdir()
    with pytest.raises(ValueError, match="no finished deepcoder runs"):
        paper_table.paper_table(tmp_path, "deepcoder", merge=True)


def test_released_problems_unavailable_offline(tmp_path, monkeypatch):
    import urllib.error

    from exedec_tf.data import sources
    from exedec_tf.presets.errors import PresetError

    def offline(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(sources.urllib.request, "urlopen", offline)
    with pytest.raises(PresetError, match="exedec-tf download --families test_data"):
        paper_table.released_test_file("robustfill", "NONE", tmp_path)
    found = paper_table.released_test_file("robustfill", "NONE", shared_data_dir())
    assert found == shared_data_dir() / "test_data" / "robustfill" / "NONE.jsonl"
