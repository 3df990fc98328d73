"""`exedec-tf synthesize` / `evaluate` on tiny random exported SavedModels."""

import json

import numpy as np
import pytest

from exedec_tf import cli
from exedec_tf.decoding import SearchSettings
from exedec_tf.models import create_model
from exedec_tf.models.paper_configs import paper_config
from tests.conftest import shared_data_dir
from tests.models.tiny import randomise_weights

serving = pytest.importorskip("exedec_tf.serving")

TINY = dict(
    emb_dim=16,
    qkv_dim=16,
    mlp_dim=32,
    num_heads=2,
    num_layers=1,
    dropout_rate=0.0,
    attention_dropout_rate=0.0,
)


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """RobustFill SpecDecomposer and Synthesizer exports (E=4, L=40)."""
    root = tmp_path_factory.mktemp("exports")
    paths = {}
    for seed, (name, model_type, t) in enumerate(
        (
            ("spec", "spec_decomposer_model", 12),
            ("synth", "synthesizer_model", 10),
        )
    ):
        model = create_model(model_type, paper_config("robustfill", model_type, **TINY))
        randomise_weights(model, np.random.default_rng(seed))
        settings = SearchSettings.for_model(
            model,
            num_examples=4,
            spec_length=40,
            max_decode_length=t,
            jit_compile=False,
        )
        paths[name] = str(
            serving.export_beam_search_model(model, root / name, model_type, settings)
        )
    return paths


EXAMPLES = ["ab -> AB.", "cd -> CD.", "ef -> EF.", "gh -> GH."]


def _synthesize(exports, *extra):
    args = ["synthesize", "--domain", "robustfill", "--beam_size", "2"]
    for example in EXAMPLES:
        args += ["--example", example]
    return cli.main(args + list(extra))


@pytest.mark.slow
def test_synthesize_and_evaluate_with_exported_models(exports, tmp_path, capsys):
    flags = ["--spec_decomposer", exports["spec"], "--synthesizer", exports["synth"]]
    # A random model solves nothing: exit status 1, but a full report.
    assert _synthesize(exports, *flags) == 1
    out = capsys.readouterr().out
    assert "does NOT satisfy" in out or "no valid program found" in out

    # Released outputs are longer than this export's L=40: a clear error.
    released = shared_data_dir() / "test_data" / "robustfill" / "NONE.jsonl"
    assert cli.main(_evaluate_args(released, tmp_path / "a") + flags) == 2
    assert "more than the model's spec length 40" in capsys.readouterr().err
    # Short problems in the released format run, twice (the rerun resumes).
    short = tmp_path / "short.jsonl"
    rows = [
        {
            "index": i,
            "inputs": ["ab", "cd", "ef", "g"],
            "outputs": ["A", "C", "E", "G"],
            "program": "8 111",
        }
        for i in range(3)
    ]
    short.write_text("".join(json.dumps(r) + "\n" for r in rows))
    for _ in range(2):
        assert cli.main(_evaluate_args(short, tmp_path / "b") + flags) == 0
    results = json.loads((tmp_path / "b" / "results.json").read_text())
    assert [p["index"] for p in results["problems"]] == [0, 1, 2]
    assert results["settings"]["models"]["synthesizer"] == exports["synth"]


def _evaluate_args(released_file, out_dir):
    args = ["evaluate", "--output_dir", str(out_dir), "--released_file"]
    args += [str(released_file), "--domain", "robustfill", "--num_problems", "3"]
    return args + ["--beam_size", "2", "--batch_size", "2", "--no_progress"]


@pytest.mark.slow
def test_swapped_models_are_reported(exports, capsys):
    flags = ["--spec_decomposer", exports["synth"], "--synthesizer", exports["spec"]]
    assert _synthesize(exports, *flags) == 2
    assert "holds a synthesizer_model export" in capsys.readouterr().err
    assert _synthesize(exports, "--joint", exports["synth"]) == 2
    assert "expected a joint_model" in capsys.readouterr().err
