"""train.py checkpoints of non-standard sizes load with no config given."""

import numpy as np
import pytest

from exedec_tf.configs import get_config
from exedec_tf.errors import ConfigError
from exedec_tf.models import create_model, get_flax_params
from exedec_tf.models.flax_checkpoint import CheckpointMismatchError
from exedec_tf.models.train_hparams import CheckpointConfigError
from exedec_tf.original_checkpoints import (
    infer_config,
    is_original_checkpoint,
    load_original_checkpoint,
    read_config_json,
)
from exedec_tf.serving.trained_model import trained_model
from tests.models.train_checkpoints import small_config, write_train_checkpoint


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    """A RobustFill synthesizer run of train.py (2 layers, width 64, 8 buckets)
    with random weights at two steps."""
    config, hparams = small_config()
    model = create_model("synthesizer_model", config)
    rng = np.random.default_rng(0)
    params = {
        path: rng.standard_normal(array.shape).astype(np.float32)
        for path, array in get_flax_params(model).items()
    }
    root = tmp_path_factory.mktemp("trained_models")
    write_train_checkpoint(
        root, "robustfill", "synthesizer_model", hparams, params, (10, 20)
    )
    return root / "robustfill" / "synthesizer_model", config, hparams, params


def test_whole_experiment_config_and_weights_are_inferred(run_dir):
    path, config, hparams, params = run_dir
    loaded = load_original_checkpoint(path)
    assert loaded.inferred and loaded.checkpoint.step == 20
    assert loaded.config.model == config
    assert loaded.config.model_type == "synthesizer_model"
    assert loaded.config.domain == "robustfill"
    assert loaded.config.name.startswith("robustfill_synthesizer_adr=0.0,")
    # The run's own training facts, the published shapes and end-to-end L/T.
    assert loaded.config.data.experiment == "COMPOSE_NEW_OP"
    assert (loaded.config.train.seed, loaded.config.train.learning_rate) == (3, 0.001)
    assert loaded.config.data.num_examples == 4
    assert (
        loaded.config.inference.spec_length,
        loaded.config.inference.max_decode_length,
    ) == (200, 100)
    assert infer_config(path) == loaded.config
    got = get_flax_params(loaded.model)
    assert sorted(got) == sorted(params)
    for name, value in params.items():
        np.testing.assert_array_equal(got[name], value)


def test_an_inferred_config_round_trips_through_json(run_dir, tmp_path):
    path, config, _, _ = run_dir
    inferred = load_original_checkpoint(path).config
    file = tmp_path / "config.json"
    file.write_text(inferred.to_json())
    assert read_config_json(file) == inferred
    # The JSON (edited or not) is given instead of inferring.
    loaded = load_original_checkpoint(path, config=read_config_json(file))
    assert not loaded.inferred and loaded.config.model == config


def test_a_given_config_of_other_sizes_keeps_the_precise_mismatch(run_dir):
    path, _, _, _ = run_dir
    with pytest.raises(CheckpointMismatchError) as error:
        load_original_checkpoint(path, config=get_config("robustfill_synthesizer_tiny"))
    assert error.value.path == "decoder/embed_output/embedding"
    assert error.value.checkpoint_shape == (316, 64)
    assert error.value.model_shape == (316, 32)


def test_domain_and_model_type_only_when_inferring(run_dir):
    path, _, _, _ = run_dir
    with pytest.raises(ConfigError, match="inferred only"):
        load_original_checkpoint(
            path, config=get_config("robustfill_synthesizer_tiny"), model_type="joint"
        )
    with pytest.raises(
        CheckpointConfigError, match="the path says 'synthesizer_model'"
    ):
        load_original_checkpoint(path, model_type="joint")


def test_bad_config_files_name_themselves(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.json does not exist"):
        read_config_json(tmp_path / "nope.json")
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(ConfigError, match="bad.json is not JSON"):
        read_config_json(tmp_path / "bad.json")
    (tmp_path / "partial.json").write_text('{"name": "x"}')
    with pytest.raises(ConfigError, match="partial.json: missing ExperimentConfig"):
        read_config_json(tmp_path / "partial.json")


def test_which_paths_are_original_checkpoints(run_dir, tmp_path):
    path, _, _, _ = run_dir
    hparam_dir = next((path / "checkpoints").iterdir())
    for yes in (path, path / "checkpoints", hparam_dir, hparam_dir / "checkpoint_10"):
        assert is_original_checkpoint(yes), yes
    # This project's own training checkpoints and Keras weights are not.
    (tmp_path / "work" / "checkpoints").mkdir(parents=True)
    (tmp_path / "work" / "checkpoints" / "ckpt-3.index").write_text("")
    (tmp_path / "m.weights.h5").write_text("")
    for no in (tmp_path / "work", tmp_path / "m.weights.h5", tmp_path / "missing"):
        assert not is_original_checkpoint(no), no


def test_a_named_configs_model_loads_original_weights(run_dir):
    path, _, _, params = run_dir
    config = load_original_checkpoint(path).config
    # What `exedec-tf export --weights=<train.py dir>` goes through.
    model = trained_model(config, path)
    got = get_flax_params(model)
    assert all(np.array_equal(got[p], params[p]) for p in params)
    with pytest.raises(CheckpointMismatchError, match="embed_output"):
        trained_model(get_config("robustfill_synthesizer_tiny"), path)
