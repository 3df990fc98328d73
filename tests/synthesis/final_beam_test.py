"""What the loop records of its final beam: every element, the best's steps."""

from exedec_tf.synthesis.baseline import run_baseline
from exedec_tf.synthesis.loop import run_exedec
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.records import Problem
from tests.synthesis import cases
from tests.synthesis.fakes import ScriptedBeamModel

RF = cases.RF_OPS


def _steps(result):
    return [
        (r.step, r.subgoals, r.program_part, r.part_outputs, r.achieved)
        for r in result.best_steps
    ]


def test_robustfill_separate_every_element_and_best_steps():
    spec, synth = cases.rf_models()
    [result] = run_exedec(
        [cases.RF_PROBLEM], cases.RF, synth, spec, LoopOptions(beam_size=2)
    )
    # Slot 0 holds the program "8 111" (no ".") and satisfies no example.
    assert [s.satisfied for s in result.beam] == [(False,) * 4, (True,) * 4]
    assert _steps(result) == [
        (0, ("AB", "CD", "EF", "GH"), "8 111", ("AB", "CD", "EF", "GH"), (True,) * 4),
        (1, (".",) * 4, "4 83", (".",) * 4, (True,) * 4),
    ]


def test_a_subgoal_achieved_on_some_examples_only():
    # The predicted subgoal of example 3 overshoots ("G." instead of "G"); the
    # part ToCase(ALL_CAPS) still gives valid prefixes, so the loop goes on.
    problem = Problem(("ab", "cd", "ef", "g"), ("AB.", "CD.", "EF.", "G."))
    spec = ScriptedBeamModel(
        RF,
        {
            problem.outputs: [(RF.spec_tokens("AB|CD|EF|G."), -0.1)],
            (".",) * 4: [(RF.spec_tokens(".|.|.|."), -0.1)],
        },
        max_decode_length=16,
    )
    synth = ScriptedBeamModel(
        RF,
        {
            ("AB", "CD", "EF", "G."): [(cases.TO_UPPER, -0.1)],
            (".",) * 4: [(cases.DOT, -0.1)],
        },
    )
    [result] = run_exedec([problem], cases.RF, synth, spec, LoopOptions(beam_size=1))
    assert result.success
    assert _steps(result) == [
        (
            0,
            ("AB", "CD", "EF", "G."),
            "8 111",
            ("AB", "CD", "EF", "G"),
            (True, True, True, False),
        ),
        (1, (".",) * 4, "4 83", (".",) * 4, (True,) * 4),
    ]


def test_an_invalid_subgoal_is_a_step_without_a_part():
    spec, synth = cases.rf_models()
    spec.script[cases.RF_PROBLEM.outputs] = [(RF.spec_tokens("AB|CD"), -0.1)]
    [result] = run_exedec(
        [cases.RF_PROBLEM], cases.RF, synth, spec, LoopOptions(beam_size=1)
    )
    assert not result.success
    [step] = result.best_steps
    assert step.subgoals == ("[invalid]",) * 4
    assert not step.synthesized and step.achieved is None


def test_deepcoder_parts_are_statements_and_spaces_do_not_matter():
    spec, synth = cases.dc_models()
    [result] = run_exedec(
        [cases.DC_PROBLEM], cases.DC, synth, spec, LoopOptions(beam_size=3)
    )
    assert [s.satisfied for s in result.beam] == [
        (False, False, False),
        (False, False, False),
        (True, True, True),
    ]
    assert _steps(result) == [
        (
            0,
            ("[ 2 4 6 ] ", " [ 8 ] ", " [ -2 ]"),
            "x1 = Map (*2) x0",
            ("[ 2 4 6 ]", "[ 8 ]", "[ -2 ]"),
            (True,) * 3,
        ),
        (1, ("12 ", " 8 ", " -2"), "x2 = Sum x1", ("12", "8", "-2"), (True,) * 3),
    ]


def test_joint_steps_have_parts_but_no_subgoals():
    [result] = run_exedec(
        [cases.RF_PROBLEM],
        cases.RF,
        cases.rf_joint_model(),
        None,
        LoopOptions(prediction_type="joint", beam_size=2),
    )
    assert [r.program_part for r in result.best_steps] == ["8 111", "4 83"]
    assert all(r.subgoals is None and r.achieved is None for r in result.best_steps)


def test_baseline_elements_record_satisfied_examples():
    model = ScriptedBeamModel(
        RF,
        {
            cases.RF_PROBLEM.outputs: [
                (cases.FIRST_CHAR, -0.1),
                (cases.TO_UPPER + cases.DOT, -0.5),
            ]
        },
        max_decode_length=16,
    )
    [result] = run_baseline(
        [cases.RF_PROBLEM], cases.RF, model, beam_size=2, batch_size=1
    )
    # The better-scored GetToken element outputs the first character only.
    assert [s.satisfied for s in result.beam] == [(True,) * 4, (False,) * 4]
    assert result.solution_slot == 0 and result.best_steps == ()
