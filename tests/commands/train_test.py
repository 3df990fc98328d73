"""`exedec-tf train`: a tiny run that resumes, and its usage errors."""

import pytest

from exedec_tf import cli
from tests.stages.tiny_dataset import SIZES, build_tiny_dataset


@pytest.fixture(scope="module")
def dataset_dir(tmp_path_factory):
    return build_tiny_dataset(tmp_path_factory.mktemp("tfds"))


def _args(dataset_dir, workdir, num_steps):
    return [
        "train",
        "--config=robustfill_synthesizer_tiny",
        f"--dataset_dir={dataset_dir}",
        f"--workdir={workdir}",
        "--set",
        f"train.num_steps={num_steps}",
        "--set",
        "train.steps_per_loop=2",
        "--set",
        f"data.sizes={SIZES}".replace("'", '"'),
        "--no-jit_compile",
    ]


def test_train_runs_and_a_rerun_resumes(dataset_dir, tmp_path, capsys):
    assert cli.main(_args(dataset_dir, tmp_path, 2)) == 0
    out = capsys.readouterr().out
    assert "trained robustfill_synthesizer_tiny to step 2 of 2" in out
    assert list((tmp_path / "checkpoints").glob("*.index"))
    assert (tmp_path / "tensorboard").is_dir()
    assert cli.main(_args(dataset_dir, tmp_path, 4)) == 0
    assert "to step 4 of 4" in capsys.readouterr().out


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--config=robustfill_synth_tiny"], "unknown config 'robustfill_synth_tiny'"),
        (["--set", "train.num_step=3"], "unknown config field 'train.num_step'"),
        (["--set", "train.num_steps"], "--set needs FIELD=VALUE"),
        (["--set", "train.num_steps=3"], "num_steps 3 must be a multiple of"),
    ],
)
def test_usage_errors_exit_with_2(tmp_path, capsys, extra, message):
    args = ["train", "--config=robustfill_synthesizer_tiny"]
    args += [f"--dataset_dir={tmp_path}", f"--workdir={tmp_path / 'w'}"]
    assert cli.main(args + extra) == 2
    err = capsys.readouterr().err
    assert err.startswith("exedec-tf train: error: ")
    assert message in err


def test_a_missing_dataset_is_reported(tmp_path, capsys):
    args = ["train", "--config=robustfill_synthesizer_tiny"]
    args += [f"--dataset_dir={tmp_path / 'none'}", f"--workdir={tmp_path / 'w'}"]
    assert cli.main(args) == 2
    assert "no prepared TFDS dataset at" in capsys.readouterr().err


def test_train_needs_its_options(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["train", "--config=robustfill_synthesizer_tiny"])
    assert info.value.code == 2
    assert "--dataset_dir" in capsys.readouterr().err
