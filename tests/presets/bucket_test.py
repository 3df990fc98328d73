import dataclasses

import pytest

from exedec_tf.models.train_hparams import format_hparam_str
from exedec_tf.presets import bucket as bucket_lib
from exedec_tf.presets.errors import BucketUnreachableError, CheckpointNotFoundError
from exedec_tf.presets.registry import get_preset
from tests.presets.fake_bucket import FakeBucket


@pytest.fixture
def fake():
    with FakeBucket(page_size=2) as fake:
        yield fake


def test_bucket_url_order(monkeypatch):
    monkeypatch.delenv(bucket_lib.BUCKET_URL_ENV, raising=False)
    assert bucket_lib.bucket_url() == "https://storage.googleapis.com"
    monkeypatch.setenv(bucket_lib.BUCKET_URL_ENV, "http://mirror:8/")
    assert bucket_lib.bucket_url() == "http://mirror:8"
    assert bucket_lib.bucket_url("http://x") == "http://x"


def test_listing_follows_pages(fake):
    for n in range(5):
        fake.add(f"a/b/checkpoint_{n}", b"x" * n)
    fake.add("other/checkpoint_9", b"y")
    client = bucket_lib.BucketClient(fake.url)
    objects = client.list_objects("a/b/")
    assert [o.name for o in objects] == [f"a/b/checkpoint_{n}" for n in range(5)]
    assert [o.size for o in objects] == list(range(5))
    assert sum("pageToken=" in r for r in fake.requests) == 2
    assert objects[3].md5_hash and objects[3].crc32c and objects[3].step == 3


def test_latest_checkpoint_is_the_highest_step_in_the_folder():
    objects = [
        bucket_lib.RemoteObject(f"d/checkpoint_{s}", 1) for s in (100000, 499999, 5)
    ] + [
        bucket_lib.RemoteObject("d/sub/checkpoint_999999", 1),
        bucket_lib.RemoteObject("d/checkpoint_x", 1),
    ]
    assert bucket_lib.latest_checkpoint(objects, "d/").name == "d/checkpoint_499999"
    assert bucket_lib.latest_checkpoint(objects, "e/") is None


def test_find_checkpoint_in_the_scripts_folder(fake):
    spec = get_preset("robustfill_none_exedec_seed10").checkpoints[1]
    fake.add(spec.prefix + "checkpoint_100000", b"a")
    fake.add(spec.prefix + "checkpoint_499999", b"b")
    found = bucket_lib.find_checkpoint(bucket_lib.BucketClient(fake.url), spec)
    assert found.name == spec.prefix + "checkpoint_499999"


def _run_dir(spec, **changes):
    """A full hparam directory name differing from the scripts' in `changes`."""
    hparams = dataclasses.replace(spec.hparams, **changes)
    return spec.checkpoints_prefix + format_hparam_str(hparams)


def test_find_checkpoint_by_listing_when_the_name_differs(fake):
    # The baseline's folder is not named by the scripts: any hparam string
    # with the experiment and seed is found.
    (spec,) = get_preset("robustfill_none_baseline_seed20").checkpoints
    wanted = _run_dir(spec, aligned_relative_attention=True)
    fake.add(wanted + "/checkpoint_300000", b"a")
    fake.add(_run_dir(spec, seed=30) + "/checkpoint_400000", b"b")
    fake.add(_run_dir(spec, experiment="COMPOSE_NEW_OP") + "/checkpoint_9", b"c")
    fake.add(spec.checkpoints_prefix + "not,an=hparam/checkpoint_9", b"d")
    found = bucket_lib.find_checkpoint(bucket_lib.BucketClient(fake.url), spec)
    assert found.name == wanted + "/checkpoint_300000"


def test_find_checkpoint_refuses_ambiguity_and_absence(fake):
    (spec,) = get_preset("robustfill_none_baseline_seed20").checkpoints
    client = bucket_lib.BucketClient(fake.url)
    with pytest.raises(CheckpointNotFoundError, match="no checkpoint_<step>"):
        bucket_lib.find_checkpoint(client, spec)
    fake.add(_run_dir(spec, lr=0.001) + "/checkpoint_1", b"a")
    fake.add(_run_dir(spec, lr=0.002) + "/checkpoint_1", b"a")
    with pytest.raises(CheckpointNotFoundError, match="several"):
        bucket_lib.find_checkpoint(client, spec)


def test_unreachable_host_after_bounded_retries():
    client = bucket_lib.BucketClient("http://127.0.0.1:9", attempts=2, backoff_s=0)
    with pytest.raises(BucketUnreachableError, match="after 2 attempts"):
        client.list_objects("x/")


def test_server_errors_are_retried_then_reported(fake):
    fake.add("o", b"data")
    fake.fail_once.add("o")
    client = bucket_lib.BucketClient(fake.url, backoff_s=0)
    response = client.get(client.media_url("o"))
    assert response.status_code == 200 and response.content == b"data"
    assert len(fake.media_requests()) == 2
