"""Download -> convert -> export -> load -> evaluate, against a localhost bucket."""

import time

import pytest

from exedec_tf import presets
from exedec_tf.evaluation.api import evaluate_from_paths
from tests.conftest import shared_data_dir
from tests.presets.checkpoints import add_preset
from tests.presets.fake_bucket import FakeBucket

NAME = "robustfill_none_exedec_seed10"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    cache_dir = tmp_path_factory.mktemp("cache")
    fake = FakeBucket(page_size=1)
    add_preset(fake, presets.get_preset(NAME))
    fake.drop_once.update(n for n in fake.objects if n.endswith("_499999"))
    with fake:
        result = presets.prepare(
            NAME, bucket_url=fake.url, cache_dir=cache_dir, progress=False
        )
        requests = list(fake.requests)
    return result, cache_dir, requests


def test_prepare_downloads_converts_and_exports(prepared):
    result, cache_dir, requests = prepared
    # Configs inferred from the hparam strings and shapes: the tiny ones.
    assert [m.config_name.split(",")[0] for m in result.models] == [
        "robustfill_spec_decomposer_adr=0.0",
        "robustfill_synthesizer_adr=0.0",
    ]
    assert all(",ed=32,hd=64," in m.config_name for m in result.models)
    for model in result.models:
        assert (model.path / "saved_model.pb").is_file()
        assert model.path.is_relative_to(cache_dir / "exports" / model.checkpoint.key)
        assert model.checkpoint.path.name == "checkpoint_499999"
    # Per model: the scripts' folder listed (empty: the tiny runs have other
    # hparam strings), then the model type's checkpoints/ (2 objects, one per
    # page); one dropped and one resumed transfer of the latest step; the old
    # step is never fetched.
    assert sum(r.startswith("/storage/") for r in requests) == 2 * (1 + 2)
    assert sum(r.startswith("/exedec/") for r in requests) == 4
    assert not any("checkpoint_100" in r for r in requests if r.startswith("/exedec/"))
    paths = result.model_paths()
    assert paths.method == "separate" and paths.joint is None


def test_second_load_uses_the_cache_without_network(prepared, monkeypatch):
    _, cache_dir, _ = prepared
    # Nothing listens there: any network use would fail.
    monkeypatch.setenv("EXEDEC_TF_BUCKET_URL", "http://127.0.0.1:9")
    start = time.perf_counter()
    models = presets.load(NAME, cache_dir=cache_dir, progress=False)
    assert time.perf_counter() - start < 60
    assert sorted(models) == ["spec_decomposer", "synthesizer"]
    assert models["synthesizer"].model_type == "synthesizer_model"


def test_evaluate_a_few_released_problems(prepared, tmp_path):
    result, cache_dir, _ = prepared
    released = shared_data_dir() / "test_data" / "robustfill" / "NONE.jsonl"
    summary = evaluate_from_paths(
        tmp_path / "eval",
        result.model_paths(),
        released_file=released,
        domain="robustfill",
        num_problems=2,
        progress=False,
    )
    assert summary["totals"]["num_problems"] == 2
    assert len(summary["problems"]) == 2


def test_an_unknown_name_fails_before_any_network():
    with pytest.raises(presets.UnknownPresetError):
        presets.prepare(
            "robustfill_none_exedec_seed99", bucket_url="http://127.0.0.1:9"
        )


@pytest.mark.slow
def test_a_paper_size_checkpoint_under_its_published_name(tmp_path):
    # Random weights of the published joint model (with Adam moments, as in
    # the bucket: about 290 MiB), found under the exact directory the
    # scripts name, converted with the config inferred from that name.
    from exedec_tf.configs import config_name, get_config
    from exedec_tf.models.flax_checkpoint import export_flax_checkpoint
    from exedec_tf.models.model_types import create_model

    name = "robustfill_none_ablation_seed10"
    (spec,) = presets.get_preset(name).checkpoints
    config = get_config(config_name("robustfill", spec.model_type, "paper"))
    path = export_flax_checkpoint(
        create_model(config.model_type, config.model),
        tmp_path / "ckpt" / "checkpoint_499999",
        step=499999,
    )
    fake = FakeBucket(with_crc32c=False)
    fake.add_file(spec.prefix + "checkpoint_499999", path)
    with fake:
        prepared = presets.prepare(
            name, bucket_url=fake.url, cache_dir=tmp_path / "cache", progress=False
        )
    (model,) = prepared.models
    assert model.checkpoint.size > 250 * 2**20
    assert model.config_name == f"robustfill_joint_{spec.hparam_str}"
    assert (model.path / "saved_model.pb").is_file()
    loaded = prepared.load_models()
    assert loaded["synthesizer"].model_type == "joint_model"
