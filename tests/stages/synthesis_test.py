import pytest

from exedec_tf.errors import ConfigError
from exedec_tf.experiment_config import InferenceConfig
from exedec_tf.stages import synthesize
from exedec_tf.synthesis import loading
from tests.synthesis import cases

EXAMPLES = list(zip(cases.RF_PROBLEM.inputs, cases.RF_PROBLEM.outputs, strict=True))


@pytest.fixture
def paths(monkeypatch):
    spec, synth = cases.rf_models(spec_length=200)
    table = {"SPEC": spec, "SYNTH": synth}
    monkeypatch.setattr(loading, "load_model", lambda path: table[path])
    return loading.ModelPaths("SPEC", "SYNTH")


def test_synthesize_solves_with_the_configs_beam(paths):
    problem, report = synthesize(
        InferenceConfig(beam_size=2), "robustfill", EXAMPLES, paths
    )
    assert problem.outputs == cases.RF_PROBLEM.outputs
    assert report.solved
    assert [list(parts) for parts in report.subgoals] == [
        ["AB", "CD", "EF", "GH"],
        [".", ".", ".", "."],
    ]


def test_synthesize_passes_the_loop_options(monkeypatch):
    from exedec_tf.synthesis import user_examples
    from exedec_tf.synthesis.options import LoopOptions

    calls = []
    monkeypatch.setattr(
        user_examples,
        "synthesize_from_paths",
        lambda *args: calls.append(args) or ("problem", "report"),
    )
    inference = InferenceConfig(beam_size=3, discard_repeat_functionality=False)
    paths = loading.ModelPaths(joint="J")
    assert synthesize(inference, "deepcoder", EXAMPLES, paths) == ("problem", "report")
    [(domain, examples, model_paths, options)] = calls
    assert domain.name == "deepcoder"
    assert (examples, model_paths) == (EXAMPLES, paths)
    assert options == LoopOptions(beam_size=3, discard_repeat_functionality=False)


def test_loop_options_are_validated(paths):
    inference = InferenceConfig(use_execution=False)
    with pytest.raises(ConfigError, match="requires use_execution=True"):
        synthesize(inference, "robustfill", EXAMPLES, paths)
