"""Filling the models' example slots with any number of user examples."""

import pytest

from exedec_tf.synthesis import example_slots, run_exedec
from exedec_tf.synthesis.example_slots import ExampleCountError
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.records import Problem, ProblemResult, SlotResult
from tests.synthesis import cases

UPPER_DOT = "8 111|4 83"  # ToCase(ALL_CAPS) | Const(.)
UPPER_FIRST_WORD_DOT = "3 8 111 7 103 216|4 83"  # first word upper-cased, "."


def _problem(count):
    letters = "abcdefgh"[:count]
    return Problem(tuple(letters), tuple(x.upper() for x in letters), index=3)


def test_fewer_examples_repeat_cyclically():
    filling = example_slots.fill_slots(_problem(3), 4)
    assert filling.sources == (0, 1, 2, 0)
    assert filling.spec.inputs == ("a", "b", "c", "a")
    assert filling.spec.outputs == ("A", "B", "C", "A")
    assert filling.spec.index == 3
    assert filling.unseen == ()
    assert filling.describe() == (
        "3 examples repeated to fill the models' 4 example slots (0, 1, 2, 0); "
        "success checked on all 3"
    )
    assert example_slots.fill_slots(_problem(1), 3).sources == (0, 0, 0)


def test_exact_examples_fill_one_slot_each():
    filling = example_slots.fill_slots(_problem(4), 4)
    assert filling.sources == (0, 1, 2, 3)
    assert filling.spec == filling.given
    assert filling.describe() == (
        "4 examples, one per model slot; success checked on all 4"
    )


def test_more_examples_give_the_first_as_spec_and_the_rest_checked():
    filling = example_slots.fill_slots(_problem(6), 4)
    assert filling.spec.inputs == ("a", "b", "c", "d")
    assert filling.given.inputs == tuple("abcdef")
    assert filling.unseen == (4, 5)
    assert filling.describe() == (
        "examples 0-3 form the models' 4-example spec; success checked on all 6 "
        "(examples 4-5 only checked)"
    )


def test_zero_examples_and_bad_slot_counts_are_errors():
    with pytest.raises(ExampleCountError, match="no examples given"):
        example_slots.fill_slots(Problem((), ()), 4)
    for bad in (0, -1, 2.0, None):
        with pytest.raises(ExampleCountError, match=f"got {bad!r}"):
            example_slots.fill_slots(_problem(2), bad)


def test_satisfied_on_counts_failures_as_empty_outputs():
    problem = Problem(("ab", "e f", ""), ("AB.", "E F.", ""))
    assert example_slots.satisfied_on(cases.RF, UPPER_DOT, problem) == (
        True,
        True,
        False,
    )
    # An invalid or unparsable program outputs "" everywhere.
    assert example_slots.satisfied_on(cases.RF, None, problem) == (False, False, True)
    assert example_slots.satisfied_on(cases.RF, "999999", problem) == (
        False,
        False,
        True,
    )


def _result(programs, satisfied):
    slots = tuple(
        SlotResult(
            program=p,
            score=-float(i),
            valid=True,
            finished=True,
            subgoals=(),
            satisfied=sat,
        )
        for i, (p, sat) in enumerate(zip(programs, satisfied, strict=True))
    )
    best = max((i for i, s in enumerate(satisfied) if all(s)), default=None)
    return ProblemResult(
        index=0,
        success=best is not None,
        solution=None if best is None else programs[best],
        solution_slot=best,
        num_steps=2,
        time_s=0.1,
        beam=slots,
    )


def test_check_all_takes_the_highest_slot_satisfying_every_example():
    given = Problem(("ab", "cd", "e f"), ("AB.", "CD.", "E."))
    filling = example_slots.fill_slots(given, 2)
    # Both programs fit the two spec examples; only slot 0's fits "e f".
    result = _result([UPPER_FIRST_WORD_DOT, UPPER_DOT], [(True, True), (True, True)])
    assert result.solution_slot == 1
    checked = example_slots.check_all(result, filling, cases.RF)
    assert checked.success and checked.solution_slot == 0
    assert checked.solution == UPPER_FIRST_WORD_DOT
    assert [s.satisfied for s in checked.beam] == [
        (True, True, True),
        (True, True, False),
    ]


def test_check_all_rejects_a_spec_solution_that_fails_an_extra_example():
    given = Problem(("ab", "cd", "e f"), ("AB.", "CD.", "e f!"))
    filling = example_slots.fill_slots(given, 2)
    result = _result([None, UPPER_DOT], [(False, False), (True, True)])
    checked = example_slots.check_all(result, filling, cases.RF)
    assert not checked.success
    assert checked.solution is None and checked.solution_slot is None
    assert checked.beam[1].satisfied == (True, True, False)


def test_check_all_keeps_the_loops_verdict_on_the_spec_examples():
    spec, synth = cases.rf_models()
    filling = example_slots.fill_slots(cases.RF_PROBLEM, 4)
    [result] = run_exedec(
        [filling.spec], cases.RF, synth, spec, LoopOptions(beam_size=2)
    )
    assert example_slots.check_all(result, filling, cases.RF) == result
