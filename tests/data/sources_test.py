"""Tests of exedec_tf.data.sources (downloads pointed at the local shared copy)."""

import shutil

import pytest

from exedec_tf.data import sources
from tests.conftest import shared_data_dir


def test_checksum_table_covers_every_file():
    assert len(sources.CHECKSUMS) == 24
    families = {k[0] for k in sources.CHECKSUMS}
    assert families == set(sources.FAMILIES)


def test_official_url():
    url = sources.file_url("test_data", "robustfill", "compose_new_op")
    assert url == (
        "https://raw.githubusercontent.com/google-deepmind/exedec/"
        f"{sources.COMMIT}/data/test_data/robustfill/COMPOSE_NEW_OP.jsonl"
    )


def test_released_copies_match_registered_checksums():
    root = shared_data_dir()
    for (family, domain, exp), _ in sources.CHECKSUMS.items():
        if family != "test_data":
            continue
        sources.verify_file(
            root / family / domain / f"{exp}.jsonl", family, domain, exp
        )


def test_fetch_from_base_url_then_reuse_cache(tmp_path):
    base = shared_data_dir().as_uri()
    path = sources.fetch_file("test_data", "deepcoder", "NONE", tmp_path, base_url=base)
    assert path == tmp_path / "test_data" / "deepcoder" / "NONE.jsonl"
    assert (
        path.stat().st_size == sources.CHECKSUMS[("test_data", "deepcoder", "NONE")][0]
    )
    # A second call uses the verified cached copy (the base URL is not needed).
    again = sources.fetch_file(
        "test_data", "deepcoder", "NONE", tmp_path, base_url="file:///nonexistent"
    )
    assert again == path


def test_corrupt_download_is_rejected_and_not_kept(tmp_path):
    fake = tmp_path / "mirror" / "test_data" / "deepcoder"
    fake.mkdir(parents=True)
    (fake / "NONE.jsonl").write_text("not the real file\n")
    cache = tmp_path / "cache"
    with pytest.raises(sources.ChecksumError, match="sha256"):
        sources.fetch_file(
            "test_data",
            "deepcoder",
            "NONE",
            cache,
            base_url=(tmp_path / "mirror").as_uri(),
        )
    folder = cache / "test_data" / "deepcoder"
    assert list(folder.iterdir()) == []


def test_corrupt_cache_is_reported(tmp_path):
    folder = tmp_path / "test_data" / "robustfill"
    folder.mkdir(parents=True)
    shutil.copy(
        shared_data_dir() / "test_data" / "deepcoder" / "NONE.jsonl",
        folder / "NONE.jsonl",
    )
    with pytest.raises(sources.ChecksumError, match="robustfill/NONE"):
        sources.fetch_file("test_data", "robustfill", "NONE", tmp_path)


def test_unknown_family():
    with pytest.raises(ValueError, match="'train_data'"):
        sources.fetch_file("train_data", "deepcoder", "NONE")
