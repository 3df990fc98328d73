"""`exedec-tf serve`: flags to engine and settings, errors, the ready line."""

import pytest

from exedec_tf import cli
from exedec_tf.service import server
from exedec_tf.synthesis import loading
from tests.synthesis import cases


@pytest.fixture
def fake_models(monkeypatch):
    spec, synth = cases.rf_models()
    table = {"SPEC": spec, "SYNTH": synth, "JOINT": cases.rf_joint_model()}
    monkeypatch.setattr(loading, "load_model", lambda path: table[path])
    return table


@pytest.fixture
def served(monkeypatch):
    calls = []

    def fake_serve_forever(app, host, port, shutdown_timeout, on_ready):
        calls.append((app, host, port))
        on_ready(4321)

    monkeypatch.setattr(server, "serve_forever", fake_serve_forever)
    return calls


def test_model_paths_are_served(fake_models, served, capsys):
    argv = ["serve", "--domain", "robustfill", "--spec_decomposer", "SPEC"]
    argv += ["--synthesizer", "SYNTH", "--max_batch_size", "4", "--beam_size", "5"]
    assert cli.main(argv) == 0
    [(app, host, port)] = served
    assert (host, port) == ("127.0.0.1", 8080)
    from exedec_tf.service.app import BATCHER

    batcher = app[BATCHER]
    assert batcher.engine.method == "separate"
    assert batcher.engine.models["synthesizer"] is fake_models["SYNTH"]
    assert batcher.settings.max_batch_size == 4
    assert batcher.settings.default_beam_size == 5
    out = capsys.readouterr().out
    assert "robustfill separate models on http://127.0.0.1:4321/" in out


def test_joint_model_and_host(fake_models, served):
    argv = ["serve", "--domain", "robustfill", "--joint", "JOINT"]
    assert cli.main(argv + ["--host", "0.0.0.0", "--port", "0"]) == 0
    from exedec_tf.service.app import BATCHER

    assert served[0][0][BATCHER].engine.method == "joint"
    assert served[0][1:] == ("0.0.0.0", 0)


@pytest.mark.parametrize(
    "argv, message",
    [
        (
            ["--spec_decomposer", "SPEC", "--synthesizer", "SYNTH"],
            "give --domain with model paths",
        ),
        (
            ["--domain", "robustfill", "--synthesizer", "SYNTH"],
            "give --spec_decomposer",
        ),
        (["--preset", "p", "--joint", "JOINT"], "not both"),
        (
            ["--domain", "robustfill", "--joint", "J", "--max_batch_size", "0"],
            "max_batch_size",
        ),
        (
            ["--preset", "robustfill_none_nothing_seed1"],
            "robustfill_none_nothing_seed1",
        ),
    ],
)
def test_usage_errors(fake_models, served, capsys, argv, message):
    assert cli.main(["serve", *argv]) == 2
    assert message in capsys.readouterr().err
    assert served == []


class _Prepared:
    """What `exedec_tf.presets.prepare` returns, over the fake model table."""

    def __init__(self, name):
        import exedec_tf.presets as presets

        self.preset = presets.get_preset(name)

    def model_paths(self):
        return loading.ModelPaths(spec_decomposer="SPEC", synthesizer="SYNTH")


def test_a_preset_is_prepared_through_exedec_tf_presets(
    monkeypatch, fake_models, served
):
    import exedec_tf.presets as presets

    prepared = []

    def fake_prepare(name, **source):
        prepared.append((name, source["cache_dir"]))
        return _Prepared(name)

    monkeypatch.setattr(presets, "prepare", fake_prepare)
    argv = ["serve", "--preset", "robustfill_none_exedec_seed10", "--cache_dir", "C"]
    assert cli.main(argv) == 0
    from exedec_tf.service.app import BATCHER

    engine = served[0][0][BATCHER].engine
    assert prepared == [("robustfill_none_exedec_seed10", "C")]
    assert (engine.domain.name, engine.method) == ("robustfill", "separate")
    assert engine.models["synthesizer"] is fake_models["SYNTH"]
    argv = [
        "serve",
        "--preset",
        "robustfill_none_exedec_seed10",
        "--domain",
        "deepcoder",
    ]
    assert cli.main(argv) == 2
    assert len(served) == 1
