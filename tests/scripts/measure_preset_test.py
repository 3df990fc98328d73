"""scripts/measure_preset.py: flags, errors, and a run with tiny exported models."""

import importlib.util
import json
import pathlib

import numpy as np
import pytest

from exedec_tf.presets import model_card
from tests.conftest import shared_data_dir

_SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "measure_preset.py"


def _script():
    spec = importlib.util.spec_from_file_location("measure_preset", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _card(tmp_path):
    card = tmp_path / "MODEL_CARD.md"
    card.write_text(f"# Card\n{model_card.BEGIN}\n{model_card.END}\n")
    return card


def test_bad_flags_are_one_line_errors(tmp_path, capsys):
    main = _script().main
    data = ["--data_dir", str(shared_data_dir()), "--output_dir", str(tmp_path)]
    dirs = ["--domain", "robustfill", "--spec_decomposer", "S", "--synthesizer", "Y"]
    assert main([*data, *dirs, "--experiments", "NONE,SWAP"]) == 2
    assert "unknown experiment 'SWAP'" in capsys.readouterr().err
    assert main([*data, "--joint", "J", "--preset", "p"]) == 2
    assert "--preset or model folders, not both" in capsys.readouterr().err
    assert main([*data, "--joint", "J"]) == 2
    assert "model folders need --domain" in capsys.readouterr().err
    assert main([*data, "--domain", "robustfill", "--synthesizer", "Y"]) == 2
    assert "got ['synthesizer']" in capsys.readouterr().err
    assert main([*data, "--preset", "robustfill_none_nothing_small"]) == 2
    assert "robustfill_none_nothing_small" in capsys.readouterr().err
    card = tmp_path / "card.md"
    card.write_text("no markers\n")
    assert main(["--card_only", "--model_card", str(card)]) == 2
    assert "--card_only needs --with_summary" in capsys.readouterr().err


def test_default_data_dir_is_the_shared_one():
    found = _script().default_data_dir()
    assert found is not None
    assert pathlib.Path(found).resolve() == shared_data_dir().resolve()


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
    """Tiny random RobustFill exports of the three model types (L=200)."""
    serving = pytest.importorskip("exedec_tf.serving")
    from exedec_tf.decoding import SearchSettings
    from exedec_tf.models import create_model
    from exedec_tf.models.paper_configs import paper_config
    from tests.models.tiny import randomise_weights

    root = tmp_path_factory.mktemp("exports")
    paths = {}
    for seed, model_type in enumerate(
        ("spec_decomposer_model", "synthesizer_model", "joint_model")
    ):
        model = create_model(model_type, paper_config("robustfill", model_type, **TINY))
        randomise_weights(model, np.random.default_rng(seed))
        settings = SearchSettings.for_model(
            model,
            num_examples=4,
            spec_length=200,
            max_decode_length=12,
            jit_compile=False,
        )
        folder = root / model_type
        paths[model_type] = str(
            serving.export_beam_search_model(model, folder, model_type, settings)
        )
    return paths


@pytest.mark.slow
def test_exedec_and_ablation_measured_into_one_card(exports, tmp_path, capsys):
    main = _script().main
    common = ["--domain", "robustfill", "--data_dir", str(shared_data_dir())]
    common += ["--experiments", "NONE,COMPOSE_NEW_OP", "--num_problems", "2"]
    common += ["--beam_size", "2", "--no_progress"]
    exedec = [
        "--spec_decomposer",
        exports["spec_decomposer_model"],
        "--synthesizer",
        exports["synthesizer_model"],
    ]
    assert main([*common, *exedec, "--output_dir", str(tmp_path / "exedec")]) == 0
    out = capsys.readouterr().out
    assert "exedec NONE: " in out and "/2 solved" in out and "1000 released" in out
    card = _card(tmp_path)
    joint = ["--joint", exports["joint_model"], "--model_card", str(card)]
    argv = [*common, *joint, "--output_dir", str(tmp_path / "ablation")]
    assert main([*argv, "--with_summary", str(tmp_path / "exedec")]) == 0
    summary = json.loads((tmp_path / "ablation" / "measurement.json").read_text())
    assert summary["label"] == "ablation"
    assert summary["models"] == {"joint": exports["joint_model"]}
    assert summary["experiments"]["NONE"]["num_evaluated"] == 2
    text = card.read_text()
    # ExeDec's columns first, as in the paper, whichever run wrote the card.
    header = next(line for line in text.splitlines() if "accuracy %" in line)
    assert header.index("ExeDec: n") < header.index("No-subgoal ablation: n")
    assert "| NONE |" in text and "2 of 1000" in text and "PARTIAL MEASUREMENT" in text
    # A rerun finds every problem done and writes the same card.
    log = tmp_path / "ablation" / "NONE" / "results.jsonl"
    before = log.read_text()
    assert main([*argv, "--with_summary", str(tmp_path / "exedec")]) == 0
    assert log.read_text() == before
    assert (
        main(
            [
                "--card_only",
                "--model_card",
                str(card),
                "--with_summary",
                str(tmp_path / "exedec"),
            ]
        )
        == 0
    )
    assert "No-subgoal ablation" not in card.read_text()
