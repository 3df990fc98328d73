from exedec_tf import cli, presets
from tests.presets.checkpoints import add_preset
from tests.presets.fake_bucket import FakeBucket


def test_list_filters_and_shows_sizes_once_known(tmp_path, capsys):
    args = ["pretrained", "list", "--domain=robustfill", "--method=ablation"]
    args += [f"--cache_dir={tmp_path}"]
    assert cli.main(args + ["--experiment=NONE"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [
        f"robustfill_none_ablation_seed{s}" for s in (10, 20, 30, 40, 50)
    ]
    assert all(line.split()[1:] == ["joint", "?"] for line in lines)
    fake = FakeBucket()
    preset = presets.get_preset("robustfill_none_ablation_seed10")
    latest = add_preset(fake, preset)
    size = len(fake.objects[latest["joint_model"]])
    with fake:
        refresh = [f"--bucket_url={fake.url}", "--refresh", "--seed=10"]
        assert cli.main(args + ["--experiment=NONE"] + refresh) == 0
    line = capsys.readouterr().out.strip()
    assert line.split()[:2] == ["robustfill_none_ablation_seed10", "joint"]
    assert line.endswith(f"{size / 2**20:.0f} MiB")


def test_list_refresh_offline_is_an_error(tmp_path, capsys):
    args = ["pretrained", "list", "--seed=10", "--method=baseline", "--refresh"]
    args += ["--bucket_url=http://127.0.0.1:9", f"--cache_dir={tmp_path}"]
    assert cli.main(args) == 2
    assert "cannot reach http://127.0.0.1:9" in capsys.readouterr().err


def test_prepare_prints_the_exports(tmp_path, capsys):
    fake = FakeBucket()
    add_preset(fake, presets.get_preset("deepcoder_none_baseline_seed30"))
    with fake:
        args = ["pretrained", "prepare", "deepcoder_none_baseline_seed30"]
        args += [f"--bucket_url={fake.url}", f"--cache_dir={tmp_path}", "--no_progress"]
        assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "deepcoder_none_baseline_seed30: baseline_model -> " in out
    assert out.strip().endswith("baseline_model_L60_T49")
