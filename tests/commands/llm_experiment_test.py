"""`exedec-tf llm-experiment` and scripts/run_llm_experiment.py (oracle backend)."""

import json
import pathlib
import subprocess
import sys

import pytest

from exedec_tf import cli
from tests.llm.helpers import llm_data_dir

_REPO = pathlib.Path(__file__).resolve().parents[2]


def _common(tmp_path):
    return [
        "--backend=oracle",
        "--data_source=dir",
        f"--data_dir={llm_data_dir()}",
        f"--results_dir={tmp_path / 'res'}",
        f"--cache_dir={tmp_path / 'cache'}",
        "--max_problems=2",
        "--num_workers=2",
        "--no_progress",
    ]


def test_cli_runs_an_experiment(tmp_path, capsys):
    argv = ["llm-experiment", "--prompt_format=exedec_ablation", "--splits", "NONE"]
    argv.append("--no_protect_parent")  # keep the pytest process dumpable
    assert cli.main(argv + _common(tmp_path)) == 0
    out = capsys.readouterr().out
    assert "robustfill NONE" in out and "solved    2 /    2" in out
    name = (
        "exedec_ablation_oracle-model_1-samples_0.0-temperature_"
        "deepcoder-v1_robustfill-v1"
    )
    results = json.loads((tmp_path / "res" / f"{name}.json").read_text())
    assert set(results) == {"deepcoder", "robustfill"}


def test_cli_rejects_bad_settings(tmp_path):
    argv = ["llm-experiment", "--num_samples=3", "--no_protect_parent"]
    argv += _common(tmp_path)
    with pytest.raises(ValueError, match="temperature 0.0 requires num_samples 1"):
        cli.main(argv)


def test_absl_script(tmp_path):
    cmd = [
        sys.executable,
        str(_REPO / "scripts" / "run_llm_experiment.py"),
        "--prompt_format=baseline",
        "--domains=deepcoder",
        "--splits=LENGTH_GENERALIZATION",
        "--version_deepcoder=4",
        *_common(tmp_path),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=_REPO)
    assert out.returncode == 0, out.stderr
    assert "LENGTH_GENERALIZATION" in out.stdout and "(1.000)" in out.stdout
