"""The engine: which models a method takes, and batches equal to lone runs."""

import dataclasses

import pytest

from exedec_tf.service.engine import Engine
from exedec_tf.synthesis import user_examples
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.records import Problem
from tests.service.helpers import rf_engine
from tests.synthesis import cases


def test_methods_and_their_models():
    spec, synth = cases.rf_models()
    with pytest.raises(ValueError, match="method must be one of"):
        Engine(cases.RF, {"synthesizer": synth}, "exedec")
    with pytest.raises(ValueError, match=r"takes the models \['spec_decomposer'"):
        Engine(cases.RF, {"synthesizer": synth}, "separate")
    engine = Engine(cases.RF, {"synthesizer": cases.rf_joint_model()}, "joint")
    assert engine.options.prediction_type == "joint"
    assert (engine.num_examples, engine.spec_length) == (4, 24)


def _problems():
    unsolvable = Problem(("ab", "cd", "ef", "gh"), ("x", "y", "z", "w"), index=1)
    return [
        cases.RF_PROBLEM,
        unsolvable,
        dataclasses.replace(cases.RF_PROBLEM, index=2),
    ]


def test_a_batch_equals_each_problem_alone():
    engine = rf_engine()
    outcomes = engine.run(_problems(), beam_size=3, pad_to=4)
    spec, synth = cases.rf_models()
    for problem, outcome in zip(_problems(), outcomes, strict=True):
        alone = user_examples.synthesize_examples(
            problem,
            cases.RF,
            synthesizer=synth,
            spec_decomposer=spec,
            options=LoopOptions(beam_size=3),
        )
        assert outcome.report == alone
        assert outcome.result.index == problem.index
    assert [o.report.solved for o in outcomes] == [True, False, True]


def test_joint_engine_runs_the_joint_loop():
    engine = Engine(cases.RF, {"synthesizer": cases.rf_joint_model()}, "joint")
    [outcome] = engine.run([cases.RF_PROBLEM], beam_size=2, pad_to=1)
    assert outcome.report.solved
    assert outcome.report.dsl == "ToCase_Case.ALL_CAPS | Const(.)"
