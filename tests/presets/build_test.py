import pytest

from exedec_tf.models.train_hparams import CheckpointConfigError
from exedec_tf.presets import build
from exedec_tf.presets.fetch import LocalCheckpoint
from exedec_tf.presets.registry import get_preset
from tests.presets.checkpoints import tiny_checkpoint_bytes, tiny_hparam_str

(SPEC,) = get_preset("deepcoder_none_ablation_seed10").checkpoints


def _local(tmp_path, hparam_str):
    path = tmp_path / "key" / "checkpoint_7"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(tiny_checkpoint_bytes("deepcoder", "joint_model"))
    return LocalCheckpoint(SPEC, path, "key", path.stat().st_size, hparam_str)


def test_convert_infers_the_config_from_hparam_string_and_shapes(tmp_path):
    config, model = build.convert(_local(tmp_path, tiny_hparam_str(SPEC)))
    assert config.model.emb_dim == 32 and config.model.mlp_dim == 64
    assert config.data.experiment == "NONE" and config.train.seed == 10
    assert model.config == config.model


def test_a_string_contradicting_the_shapes_is_refused(tmp_path):
    with pytest.raises(CheckpointConfigError, match="ed=512"):
        build.convert(_local(tmp_path, SPEC.hparam_str))


def test_export_once_then_reuse(tmp_path):
    local = _local(tmp_path, tiny_hparam_str(SPEC))
    first = build.export_checkpoint(local, tmp_path / "cache")
    assert first.path == tmp_path / "cache/exports/key/joint_model_L100_T42"
    assert (first.path / "saved_model.pb").is_file()
    assert (first.path / "experiment_config.json").is_file()
    assert first.export_s > 0
    again = build.export_checkpoint(local, tmp_path / "cache")
    assert again.path == first.path and again.config_name == first.config_name
    assert again.export_s == 0.0
    assert sorted(p.name for p in first.path.parent.iterdir()) == [
        "joint_model_L100_T42",
        "joint_model_L100_T42.lock",
    ]
