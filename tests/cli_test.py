"""Tests of the exedec-tf command line."""

import os
import re
import subprocess
import sys
import time
from importlib import metadata

import numpy as np
import pytest

from exedec_tf import cli, reproduce
from exedec_tf.configs import get_config
from exedec_tf.models import create_model, get_flax_params
from exedec_tf.models.flax_checkpoint import write_flax_checkpoint


def test_reproduce_subcommand_passes_flags(monkeypatch):
    calls = []

    def fake_run_reproduce(**kwargs):
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(reproduce, "run_reproduce", fake_run_reproduce)
    assert cli.main(["reproduce", "--data_dir", "D", "--show", "3"]) == 0
    assert calls == [{"data_dir": "D", "cache_dir": None, "show": 3}]


def test_reproduce_failure_gives_exit_status_1(monkeypatch):
    monkeypatch.setattr(reproduce, "run_reproduce", lambda **kwargs: 5)
    assert cli.main(["reproduce"]) == 1


def test_unknown_subcommand_exits_with_usage(capsys):
    with pytest.raises(SystemExit):
        cli.main(["frobnicate"])
    assert "invalid choice" in capsys.readouterr().err


def test_download_rejects_unknown_family(capsys):
    with pytest.raises(SystemExit):
        cli.main(["download", "--families", "train_data"])
    assert "train_data" in capsys.readouterr().err


def test_convert_checkpoint_writes_keras_weights(tmp_path, capsys):
    name = "robustfill_synthesizer_tiny"
    config = get_config(name)
    model = create_model(config.model_type, config.model)
    rng = np.random.default_rng(0)
    params = {
        path: rng.standard_normal(array.shape).astype(np.float32)
        for path, array in get_flax_params(model).items()
    }
    checkpoint = write_flax_checkpoint(tmp_path / "checkpoint_1200", params, 1200)
    out = tmp_path / "keras" / "synth.weights.h5"
    argv = ["convert-checkpoint", str(tmp_path), "--config", name]
    assert cli.main([*argv, "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    num_params = sum(a.size for a in params.values())
    assert f"{len(params)} tensors" in printed
    assert f"{num_params:,} parameters" in printed
    assert "step 1200" in printed and str(out) in printed
    model.load_weights(str(out))  # a model of the same config
    got = get_flax_params(model)
    assert all(np.array_equal(got[p], params[p]) for p in params)
    assert checkpoint.exists()


def test_convert_checkpoint_reports_a_mismatch(tmp_path, capsys):
    params = {
        "encoder/embed/embedding": np.zeros((5, 32), np.float32),
        "decoder/embed_output/embedding": np.zeros((5, 32), np.float32),
    }
    path = write_flax_checkpoint(tmp_path / "checkpoint_1", params, 1)
    out = tmp_path / "x.weights.h5"
    argv = ["convert-checkpoint", str(path), "--output", str(out)]
    assert cli.main([*argv, "--config", "deepcoder_baseline_tiny"]) == 2
    err = capsys.readouterr().err
    assert (
        "error: checkpoint does not match the config 'deepcoder_baseline_tiny'" in err
    )
    assert (
        "'decoder/embed_output/embedding' has shape (5, 32) in the checkpoint "
        "but (153, 32) in the model"
    ) in err
    assert not out.exists()


def test_convert_checkpoint_reports_a_bad_file(tmp_path, capsys):
    path = tmp_path / "checkpoint_3"
    path.write_bytes(b"\x93\x01")  # a msgpack array cut short
    out = str(tmp_path / "x.weights.h5")
    argv = ["convert-checkpoint", str(path), "--output", out]
    assert cli.main([*argv, "--config", "deepcoder_baseline_tiny"]) == 2
    assert f"{path}: not a msgpack document" in capsys.readouterr().err


def test_convert_checkpoint_requires_its_flags(capsys):
    with pytest.raises(SystemExit):
        cli.main(["convert-checkpoint", "--config", "deepcoder_baseline_tiny"])
    assert "required: checkpoint, --output" in capsys.readouterr().err


def test_convert_checkpoint_reports_an_unknown_config(tmp_path, capsys):
    argv = ["convert-checkpoint", str(tmp_path), "--config", "nope"]
    assert cli.main([*argv, "--output", str(tmp_path / "x.weights.h5")]) == 2
    err = capsys.readouterr().err
    assert "exedec-tf convert-checkpoint: error: unknown config 'nope'" in err


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"exedec-tf {cli.version()}"
    assert cli.version() == metadata.version("exedec-tf")


def test_every_command_is_listed():
    text = cli.build_parser().format_help()
    for command in ("demo", "train", "export", "evaluate", "synthesize"):
        assert command in text


def test_help_does_not_import_keras():
    code = (
        "import sys; from exedec_tf import cli; cli.build_parser(); "
        "print('keras' in sys.modules, 'tensorflow' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]


# Runs the command line in a fresh interpreter; prints whether TensorFlow
# was imported, then exits with the command's status.
_WRAPPER = (
    "import sys; from exedec_tf import cli; rc = cli.main(sys.argv[1:]); "
    "print('tensorflow' in sys.modules); sys.exit(rc)"
)
# A C++ log line of TensorFlow/absl/XLA, or absl's pre-initialization notice.
_CPP_LOG = re.compile(r"^[IWEF]\d{4} |absl::InitializeLog|oneDNN|cuda", re.M)


def _cli(*argv, timeout=120):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TF_", "GLOG"))}
    return subprocess.run(
        [sys.executable, "-c", _WRAPPER, *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    "argv, message",
    [
        (["train", "--config=nope", "--dataset_dir=d", "--workdir=w"], "'nope'"),
        (
            ["train", "--config=robustfill_synthesizer_tiny", "--set", "train.x=1"],
            "train.x",
        ),
        (["export", "--config=nope", "--weights=w", "--output_dir=o"], "'nope'"),
        (
            ["synthesize", "--config=nope", "--domain=robustfill", "--example=a -> b"],
            "'nope'",
        ),
    ],
)
def test_usage_errors_come_before_tensorflow(tmp_path, argv, message):
    if argv[0] == "train" and "--dataset_dir=d" not in argv:
        argv = [*argv, f"--dataset_dir={tmp_path}", f"--workdir={tmp_path}"]
    start = time.monotonic()
    out = _cli(*argv)
    assert out.returncode == 2
    assert out.stdout.strip() == "False"  # tensorflow never imported
    assert f"exedec-tf {argv[0]}: error:" in out.stderr
    assert message in out.stderr
    assert time.monotonic() - start < 30  # TensorFlow alone takes ~5 s here


def test_no_tensorflow_log_lines_unless_verbose(tmp_path):
    argv = (
        "train",
        "--config=robustfill_synthesizer_tiny",
        f"--dataset_dir={tmp_path / 'missing'}",
        f"--workdir={tmp_path / 'work'}",
    )
    quiet = _cli(*argv)
    # The command imported TensorFlow, then failed on the missing dataset.
    assert (quiet.returncode, quiet.stdout.strip()) == (2, "True")
    assert quiet.stderr.splitlines() == [
        line for line in quiet.stderr.splitlines() if line.startswith("exedec-tf")
    ]
    assert "no prepared TFDS dataset" in quiet.stderr
    verbose = _cli("--verbose", *argv)
    assert (verbose.returncode, verbose.stdout.strip()) == (2, "True")
    if not _CPP_LOG.search(verbose.stderr):
        pytest.skip("TensorFlow logs no C++ line on this machine: nothing to drop")
    assert not _CPP_LOG.search(quiet.stderr)
