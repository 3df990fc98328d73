"""`exedec-tf convert-checkpoint` and `export` on a train.py run of a
non-standard size (2 layers, width 64, 8 buckets): no config flag needed."""

import json

import numpy as np
import pytest

from exedec_tf import cli
from exedec_tf.models import create_model, get_flax_params
from exedec_tf.serving import load_beam_search_model
from tests.models.train_checkpoints import small_config, write_train_checkpoint


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """A DeepCoder synthesizer run in train.py's layout, random weights."""
    config, hparams = small_config("deepcoder", "synthesizer_model")
    model = create_model("synthesizer_model", config)
    rng = np.random.default_rng(1)
    params = {
        path: rng.standard_normal(array.shape).astype(np.float32)
        for path, array in get_flax_params(model).items()
    }
    root = tmp_path_factory.mktemp("save_dir")
    folder = write_train_checkpoint(
        root, "deepcoder", "synthesizer_model", hparams, params, (5, 50)
    )
    return folder, config, params


def test_converts_with_the_inferred_config(run, tmp_path, capsys):
    folder, config, params = run
    out = tmp_path / "synth.weights.h5"
    assert cli.main(["convert-checkpoint", str(folder), "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert (
        "step 50" in printed
        and "into inferred config deepcoder_synthesizer_" in printed
    )
    written = json.loads((tmp_path / "synth.config.json").read_text())
    assert written["model"] == config.to_dict()
    assert written["model_type"] == "synthesizer_model"
    model = create_model("synthesizer_model", config)
    model.load_weights(str(out))
    got = get_flax_params(model)
    assert all(np.array_equal(got[p], params[p]) for p in params)


def test_the_written_config_json_is_accepted_back(run, tmp_path, capsys):
    folder, _, _ = run
    out = tmp_path / "a.weights.h5"
    assert cli.main(["convert-checkpoint", str(folder), "--output", str(out)]) == 0
    again = tmp_path / "b.weights.h5"
    argv = ["convert-checkpoint", str(folder / "checkpoint_5"), "--output", str(again)]
    assert cli.main([*argv, "--config_json", str(tmp_path / "a.config.json")]) == 0
    assert "step 5" in capsys.readouterr().out


def test_outside_the_layout_deepcoder_needs_the_model_type(run, tmp_path, capsys):
    folder, _, _ = run
    # The hparam directory alone: DeepCoder's model types share a vocabulary.
    alone = tmp_path / folder.name
    alone.mkdir()
    (alone / "checkpoint_5").write_bytes((folder / "checkpoint_5").read_bytes())
    out = str(tmp_path / "x.weights.h5")
    assert cli.main(["convert-checkpoint", str(alone), "--output", out]) == 2
    err = capsys.readouterr().err
    assert "fit deepcoder spec_decomposer_model, deepcoder synthesizer_model" in err
    assert "name the model type" in err
    argv = ["convert-checkpoint", str(alone), "--output", out]
    assert cli.main([*argv, "--model_type", "synthesizer"]) == 0


def test_contradicting_options(run, tmp_path, capsys):
    folder, _, _ = run
    argv = [
        "convert-checkpoint",
        str(folder),
        "--output",
        str(tmp_path / "x.weights.h5"),
    ]
    assert (
        cli.main(
            [*argv, "--config", "deepcoder_synthesizer_tiny", "--domain", "deepcoder"]
        )
        == 2
    )
    assert "--model_type and --domain only help to infer" in capsys.readouterr().err
    assert cli.main([*argv, "--config", "a", "--config_json", "b"]) == 2
    assert "not both" in capsys.readouterr().err
    # A registered config of other sizes keeps the precise mismatch.
    assert cli.main([*argv, "--config", "deepcoder_synthesizer_tiny"]) == 2
    assert (
        "'decoder/embed_output/embedding' has shape (153, 64)"
        in capsys.readouterr().err
    )


def test_exports_with_no_config_flag(run, tmp_path, capsys):
    folder, _, _ = run
    out = tmp_path / "export"
    argv = [
        "export",
        f"--weights={folder.parent.parent}",
        f"--output_dir={out}",
        "--spec_length=9",
        "--max_decode_length=5",
        "--no-jit_compile",
    ]
    assert cli.main(argv) == 0
    assert "exported deepcoder_synthesizer_adr=0.0," in capsys.readouterr().out
    model = load_beam_search_model(out)
    assert (model.num_examples, model.spec_length, model.max_decode_length) == (3, 9, 5)
    assert model.export_config["model_type"] == "synthesizer_model"
    specs = np.full((1, 2, 3, 9), 5, np.int32)
    seqs, _, origin = model.beam_search(
        specs, specs, np.array([[0.0, -1e7]], np.float32), np.zeros((1, 2), bool)
    )
    assert seqs.shape == (1, 2, 4) and origin.shape == (1, 2)


def test_export_without_a_config_needs_an_original_checkpoint(tmp_path, capsys):
    argv = ["export", "--random_weights", f"--output_dir={tmp_path}"]
    assert cli.main(argv) == 2
    assert "give --config or --config_json" in capsys.readouterr().err


def test_set_changes_an_inferred_config(run, tmp_path, capsys):
    folder, config, _ = run
    out = tmp_path / "s.weights.h5"
    argv = ["convert-checkpoint", str(folder), "--output", str(out)]
    assert cli.main([*argv, "--set", "model.dropout_rate=0.0"]) == 0
    assert "into inferred config" in capsys.readouterr().out
    written = json.loads((tmp_path / "s.config.json").read_text())
    assert config.dropout_rate == 0.05 and written["model"]["dropout_rate"] == 0.0
