"""`--preset` on synthesize and evaluate, against a localhost bucket."""

import json
import re
import time

import pytest

from exedec_tf import cli, presets
from tests.conftest import shared_data_dir
from tests.presets.checkpoints import add_preset
from tests.presets.fake_bucket import FakeBucket

NAME = "robustfill_none_exedec_seed10"
EXAMPLES = [
    "--example=john smith -> J.S.",
    "--example=ann lee -> A.L.",
    "--example=bo diddley -> B.D.",
    "--example=x y -> X.Y.",
]


@pytest.fixture(scope="module")
def bucket():
    fake = FakeBucket()
    add_preset(fake, presets.get_preset(NAME))
    with fake:
        yield fake


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


def test_synthesize_downloads_exports_and_answers_then_reuses(
    bucket, cache_dir, capsys
):
    args = ["synthesize", f"--preset={NAME}", *EXAMPLES]
    args += [f"--bucket_url={bucket.url}", f"--cache_dir={cache_dir}"]
    # Random tiny weights: the report comes, a solution is not expected.
    assert cli.main(args + ["--beam_size=2"]) in (0, 1)
    out = capsys.readouterr().out
    assert "john smith" in out
    assert len(bucket.media_requests()) == 2
    served = len(bucket.requests)
    start = time.perf_counter()
    assert cli.main(args + ["--beam_size=2"]) in (0, 1)
    assert time.perf_counter() - start < 60
    assert len(bucket.requests) == served  # no network the second time
    assert "john smith" in capsys.readouterr().out


def test_evaluate_with_a_preset_defaults_to_its_released_problems(
    bucket, cache_dir, tmp_path, monkeypatch
):
    monkeypatch.setenv("EXEDEC_DATA_DIR", str(shared_data_dir()))
    out = tmp_path / "eval"
    args = ["evaluate", f"--preset={NAME}", f"--output_dir={out}", "--num_problems=2"]
    args += [f"--bucket_url={bucket.url}", f"--cache_dir={cache_dir}", "--no_progress"]
    assert cli.main(args) == 0
    summary = json.loads((out / "results.json").read_text())
    assert summary["totals"]["num_problems"] == 2
    assert summary["settings"]["released_file"].endswith("robustfill/NONE.jsonl")
    assert summary["settings"]["method"] == "separate"
    # Models named by preset and checksum (not by this machine's cache path).
    models = summary["settings"]["models"]
    assert sorted(models) == ["spec_decomposer", "synthesizer"]
    assert all(v.startswith(f"preset:{NAME}:") for v in models.values())


@pytest.mark.parametrize(
    "extra, message",
    [
        (
            ["--joint=X"],
            r"give --preset or model paths, not both \(got \['--joint'\]\)",
        ),
        (["--domain=deepcoder"], "is a robustfill model, not deepcoder"),
    ],
)
def test_preset_conflicts(extra, message, capsys):
    assert cli.main(["synthesize", f"--preset={NAME}", *EXAMPLES, *extra]) == 2
    assert re.search(message, capsys.readouterr().err)


def test_unknown_preset_and_offline(tmp_path, capsys):
    assert cli.main(["synthesize", "--preset=nope", *EXAMPLES]) == 2
    assert "unknown preset 'nope'" in capsys.readouterr().err
    args = [
        "synthesize",
        f"--preset={NAME}",
        *EXAMPLES,
        "--bucket_url=http://127.0.0.1:9",
    ]
    assert cli.main(args + [f"--cache_dir={tmp_path}"]) == 2
    err = capsys.readouterr().err
    assert "gsutil -m cp -r gs://exedec/trained_models/robustfill/" in err
    assert "--checkpoint_dir=DIR" in err
