"""`exedec-tf paper-table` end to end against a localhost bucket."""

from exedec_tf import cli
from exedec_tf.presets.registry import select_presets
from tests.conftest import shared_data_dir
from tests.presets.checkpoints import add_preset
from tests.presets.fake_bucket import FakeBucket


def test_paper_table_writes_table_csv_and_png(tmp_path, capsys):
    fake = FakeBucket(page_size=10)
    for preset in select_presets("robustfill", experiments=["NONE"], seeds=[10]):
        add_preset(fake, preset, steps=(499999,))
    args = ["paper-table", "--domain=robustfill", "--seeds=10", "--experiments=none"]
    args += ["--max_problems=1", f"--output_dir={tmp_path / 'out'}", "--no_progress"]
    args += [f"--released_dir={shared_data_dir()}", f"--cache_dir={tmp_path / 'c'}"]
    with fake:
        assert cli.main(args + [f"--bucket_url={fake.url}"]) == 0
    out = capsys.readouterr().out
    header = "| experiment | ExeDec | No-subgoal ablation | Transformer baseline |"
    assert out.startswith(header + " ExeDec, third-party |")
    assert "| NONE |" in out and "| 95.0 |" in out
    for suffix in ("md", "csv", "png"):
        assert (tmp_path / "out" / f"paper_table_robustfill.{suffix}").is_file()


def test_bad_method_is_an_error(tmp_path, capsys):
    args = ["paper-table", "--domain=robustfill", "--methods=separate"]
    assert cli.main(args + [f"--output_dir={tmp_path}"]) == 2
    assert "unknown method ['separate']" in capsys.readouterr().err
