import base64

import pytest

from exedec_tf.presets import fetch
from exedec_tf.presets.bucket import BucketClient
from exedec_tf.presets.checksums import file_md5
from exedec_tf.presets.errors import BucketUnreachableError, CheckpointNotFoundError
from exedec_tf.presets.registry import get_preset
from tests.presets.fake_bucket import FakeBucket

PRESET = get_preset("robustfill_none_exedec_seed10")


def _copy_layout(base, level: int):
    """Writes both checkpoints as `gsutil cp -r` of one layout level would."""
    for number, spec in enumerate(PRESET.checkpoints):
        parts = spec.prefix.strip("/").split("/")[level:]
        folder = base.joinpath(*parts)
        folder.mkdir(parents=True)
        (folder / "checkpoint_100").write_bytes(b"old")
        (folder / "checkpoint_499999").write_bytes(f"model {number}".encode())


@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_a_copied_folder_at_any_level_of_the_layout(tmp_path, level):
    _copy_layout(tmp_path, level)
    found = [fetch.find_local_checkpoint(tmp_path, s) for s in PRESET.checkpoints]
    assert [c.path.read_bytes() for c in found] == [b"model 0", b"model 1"]
    assert found[0].key == base64.b64decode(file_md5(found[0].path)).hex()


def test_a_copied_hparam_folder_itself(tmp_path):
    spec = PRESET.checkpoints[0]
    folder = tmp_path / spec.hparam_str
    folder.mkdir()
    (folder / "checkpoint_5").write_bytes(b"x")
    assert fetch.find_local_checkpoint(folder, spec).path == folder / "checkpoint_5"
    with pytest.raises(CheckpointNotFoundError, match="gsutil -m cp -r"):
        fetch.find_local_checkpoint(folder, PRESET.checkpoints[1])


def test_missing_folder(tmp_path):
    with pytest.raises(CheckpointNotFoundError, match="is no folder"):
        fetch.find_local_checkpoint(tmp_path / "nope", PRESET.checkpoints[0])


def test_download_remembers_the_listing_for_sizes(tmp_path):
    spec = PRESET.checkpoints[1]
    with FakeBucket() as fake:
        fake.add(spec.prefix + "checkpoint_499999", b"weights" * 10)
        client = BucketClient(fake.url)
        assert fetch.known_size(spec, tmp_path) is None
        local = fetch.fetch_checkpoint(
            spec, client=client, root=tmp_path, progress=False
        )
        assert local.path.read_bytes() == b"weights" * 10 and local.size == 70
        assert local.path.parent.name == local.key
        assert fetch.known_size(spec, tmp_path) == 70
        listings = sum(r.startswith("/storage/") for r in fake.requests)
        fetch.fetch_checkpoint(spec, client=client, root=tmp_path, progress=False)
        assert sum(r.startswith("/storage/") for r in fake.requests) == listings
        assert len(fake.media_requests()) == 1


def test_offline_message_says_what_to_download_and_where(tmp_path):
    client = BucketClient("http://127.0.0.1:9", attempts=1)
    spec = PRESET.checkpoints[0]
    with pytest.raises(BucketUnreachableError) as info:
        fetch.fetch_checkpoint(spec, client=client, root=tmp_path, progress=False)
    message = str(info.value)
    assert f"gsutil -m cp -r gs://exedec/{spec.prefix} DIR" in message
    assert "--checkpoint_dir=DIR" in message and "EXEDEC_TF_BUCKET_URL" in message
    assert str(tmp_path) in message
