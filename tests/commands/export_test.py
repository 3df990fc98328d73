"""`exedec-tf export`: argument errors and a small export that loads."""

import numpy as np

from exedec_tf import cli
from exedec_tf.serving import load_beam_search_model


def test_needs_weights(tmp_path, capsys):
    args = ["export", "--config=robustfill_joint_tiny", f"--output_dir={tmp_path}"]
    assert cli.main(args) == 2
    assert "give --weights" in capsys.readouterr().err


def test_missing_weights_file(tmp_path, capsys):
    args = [
        "export",
        "--config=robustfill_joint_tiny",
        f"--weights={tmp_path / 'x.weights.h5'}",
        f"--output_dir={tmp_path / 'out'}",
    ]
    assert cli.main(args) == 2
    assert "x.weights.h5 does not exist" in capsys.readouterr().err


def test_random_export_loads(tmp_path, capsys):
    out = tmp_path / "joint"
    args = [
        "export",
        "--config=deepcoder_joint_tiny",
        "--random_weights",
        f"--output_dir={out}",
        "--spec_length=7",
        "--max_decode_length=5",
    ]
    assert cli.main(args) == 0
    assert "exported deepcoder_joint_tiny" in capsys.readouterr().out
    model = load_beam_search_model(out)
    assert (model.num_examples, model.spec_length, model.max_decode_length) == (
        3,
        7,
        5,
    )
    assert model.export_config["domain"] == "deepcoder"
    specs = np.full((1, 2, 3, 7), 5, np.int32)
    seqs, scores, origin = model.beam_search(
        specs, specs, np.array([[0.0, -1e7]], np.float32), np.zeros((1, 2), bool)
    )
    assert seqs.shape == (1, 2, 4) and origin.shape == (1, 2)
    assert cli.main(args) == 2  # the folder now holds a SavedModel
    assert "already holds a SavedModel" in capsys.readouterr().err
