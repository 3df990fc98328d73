"""Tests of the end-to-end demo (exedec_tf.demo)."""

import io
import json

import pytest

from exedec_tf import cli, demo
from exedec_tf.commands import demo as demo_command
from tests.conftest import shared_data_dir


def test_settings_reject_bad_values():
    with pytest.raises(ValueError, match="train_steps must be a positive int"):
        demo.DemoSettings(train_steps=0)
    with pytest.raises(ValueError, match="multiple of steps_per_loop 7"):
        demo.DemoSettings(train_steps=10, steps_per_loop=7)


def test_select_problems_keeps_short_programs(tmp_path):
    rows = [
        {"index": 0, "inputs": ["a"], "outputs": ["b"], "program": "1 2|3 4|5"},
        {"index": 1, "inputs": ["a"], "outputs": ["b"], "program": "1 2"},
        {"index": 2, "inputs": ["a"], "outputs": ["b"], "program": "1|2"},
    ]
    source = tmp_path / "NONE.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows))
    assert demo.select_problems(source, None, tmp_path / "x.jsonl") == source
    out = demo.select_problems(source, 2, tmp_path / "sub" / "short.jsonl")
    kept = [json.loads(line)["index"] for line in out.read_text().splitlines()]
    assert kept == [1, 2]
    with pytest.raises(ValueError, match="max_parts must be a positive int"):
        demo.DemoSettings(max_parts=0)


def test_cli_reports_bad_settings(capsys):
    assert cli.main(["demo", "--train_steps", "10", "--steps_per_loop", "3"]) == 2
    assert "multiple of steps_per_loop 3" in capsys.readouterr().err


@pytest.mark.slow
def test_whole_pipeline_on_a_tiny_scale(tmp_path):
    data_dir = shared_data_dir()
    settings = demo.DemoSettings(
        scale="tiny",
        train_steps=4,
        steps_per_loop=2,
        batch_size=8,
        num_problems=2,
        batch_problems=2,
        beam_size=2,
    )
    out = io.StringIO()
    configs = demo_command.demo_configs(settings)
    summary = demo.run_demo(
        tmp_path, configs, released_dir=data_dir, settings=settings, out=out
    )
    text = out.getvalue()
    run = tmp_path / "none_tiny_tiny"
    for stage in range(1, 7):
        assert f"[{stage}/6]" in text
    assert summary["totals"]["num_problems"] == 2
    assert f"solved {summary['totals']['num_solved']} of 2 problems" in text
    # Every stage left its artifact in the work folder.
    for model_type in ("spec_decomposer", "synthesizer"):
        assert (run / "step_4" / "export" / model_type / "saved_model.pb").is_file()
        assert (run / "train" / model_type / "checkpoints").is_dir()
    [log] = (run / "step_4" / "results_beam2_max2").glob("*.jsonl")
    indices = [json.loads(line)["index"] for line in log.read_text().splitlines()]
    # The first two released problems whose program has at most two parts.
    released = data_dir / "test_data" / "robustfill" / "NONE.jsonl"
    short = [
        row["index"]
        for row in map(json.loads, released.read_text().splitlines())
        if len(row["program"].split("|")) <= 2
    ]
    assert indices == short[:2]
    assert "exedec-tf synthesize --domain=robustfill" in text
