import pytest

from exedec_tf import stages
from exedec_tf.configs import get_config
from exedec_tf.errors import ConfigError
from exedec_tf.serving import load_beam_search_model

CONFIG = get_config("deepcoder_joint_tiny").override(
    {
        "inference.spec_length": 7,
        "inference.max_decode_length": 5,
        "inference.jit_compile": False,
    }
)


def test_export_reads_the_search_settings_from_the_config(tmp_path):
    path = stages.export(CONFIG, None, tmp_path / "joint")
    model = load_beam_search_model(path)
    assert (model.num_examples, model.spec_length, model.max_decode_length) == (
        CONFIG.data.num_examples,
        7,
        5,
    )
    assert model.model_type == "joint_model"
    assert model.export_config["domain"] == "deepcoder"
    # A second export into the folder is refused, unless it may be reused.
    with pytest.raises(FileExistsError, match="already holds a SavedModel"):
        stages.export(CONFIG, None, path)
    stamp = (path / "saved_model.pb").stat().st_mtime_ns
    assert stages.export(CONFIG, None, path, reuse=True) == path
    assert (path / "saved_model.pb").stat().st_mtime_ns == stamp


def test_export_needs_the_lengths(tmp_path):
    config = CONFIG.override({"inference.spec_length": "none"})
    with pytest.raises(ConfigError, match="does not set inference.spec_length"):
        stages.export(config, None, tmp_path / "x")
