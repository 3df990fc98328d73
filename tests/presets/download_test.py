import os

import pytest

from exedec_tf.presets.bucket import BucketClient
from exedec_tf.presets.download import download_object
from exedec_tf.presets.errors import ChecksumMismatchError
from tests.presets.fake_bucket import FakeBucket

DATA = os.urandom(3 * (1 << 20) + 17)
NAME = "trained_models/x/checkpoint_7"


@pytest.fixture
def fake():
    with FakeBucket() as fake:
        fake.add(NAME, DATA)
        yield fake


def _object(fake):
    (obj,) = BucketClient(fake.url).list_objects(NAME)
    return obj


def test_download_verifies_and_reuses(fake, tmp_path):
    dest = tmp_path / "k" / "checkpoint_7"
    client = BucketClient(fake.url)
    assert download_object(client, _object(fake), dest, progress=False) == dest
    assert dest.read_bytes() == DATA
    assert sorted(p.name for p in dest.parent.iterdir()) == [
        "checkpoint_7",
        "checkpoint_7.lock",
    ]
    served = len(fake.media_requests())
    download_object(client, _object(fake), dest, progress=False)
    assert len(fake.media_requests()) == served == 1


def test_a_500_and_a_dropped_connection_are_survived(fake, tmp_path):
    fake.fail_once.add(NAME)
    fake.drop_once.add(NAME)
    dest = tmp_path / "checkpoint_7"
    client = BucketClient(fake.url, backoff_s=0)
    download_object(client, _object(fake), dest, progress=False)
    assert dest.read_bytes() == DATA
    media = fake.media_requests()
    # 500, then the dropped transfer, then one resumed from where it broke.
    assert len(media) == 3


def test_a_partial_file_from_a_killed_run_is_resumed(fake, tmp_path):
    dest = tmp_path / "checkpoint_7"
    (tmp_path / "checkpoint_7.part").write_bytes(DATA[:1000])
    download_object(BucketClient(fake.url), _object(fake), dest, progress=False)
    assert dest.read_bytes() == DATA
    assert not (tmp_path / "checkpoint_7.part").exists()


def test_corruption_is_detected_and_nothing_is_kept(fake, tmp_path):
    fake.corrupt.add(NAME)
    dest = tmp_path / "checkpoint_7"
    with pytest.raises(ChecksumMismatchError, match="MD5 .* does not match"):
        download_object(BucketClient(fake.url), _object(fake), dest, progress=False)
    assert not dest.exists() and not (tmp_path / "checkpoint_7.part").exists()


def test_crc32c_when_the_object_has_no_md5(fake, tmp_path):
    fake.no_md5.add(NAME)
    fake.corrupt.add(NAME)
    obj = _object(fake)
    assert obj.md5_hash is None
    with pytest.raises(ChecksumMismatchError, match="CRC32C"):
        download_object(BucketClient(fake.url), obj, tmp_path / "c", progress=False)


def test_two_concurrent_downloads_fetch_once(fake, tmp_path):
    import threading

    dest = tmp_path / "checkpoint_7"
    obj = _object(fake)
    # Slow answers: the second download starts while the first is running.
    fake.media_delay_s = 0.5
    results, errors = [], []

    def fetch():
        try:
            client = BucketClient(fake.url)
            results.append(download_object(client, obj, dest, progress=False))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=fetch) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == [] and results == [dest, dest]
    assert dest.read_bytes() == DATA
    assert len(fake.media_requests()) == 1
