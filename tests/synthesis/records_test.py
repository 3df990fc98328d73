"""Outer-beam records: initial state and gathering by origin."""

import numpy as np
import pytest

from exedec_tf.synthesis.records import OuterBeam, Problem, StepTrace


def _beam(k=3):
    inputs = np.arange(8, dtype=np.int32).reshape(2, 4)
    return OuterBeam.initial(inputs, inputs + 10, [1, 5], k)


def test_initial_beam_has_one_live_slot_and_dummies():
    beam = _beam()
    assert beam.scores.dtype == np.float32
    assert beam.scores.tolist() == [0.0, -1e7, -1e7]
    assert beam.valid.tolist() == [True, False, False]
    assert beam.finished.tolist() == [False, True, True]
    assert beam.last_step.tolist() == [False, True, True]
    assert beam.current_inputs.shape == (3, 2, 4)
    assert beam.programs.tolist() == [[1, 5]] * 3


def test_gather_copies_every_field_by_origin():
    beam = _beam()
    beam.trace = [(StepTrace(subgoals=(s,)),) for s in "abc"]
    beam.scores = np.array([0.0, -1.0, -2.0], np.float32)
    gathered = beam.gather(np.array([2, 2, 0]))
    assert gathered.scores.tolist() == [-2.0, -2.0, 0.0]
    assert gathered.subgoals == [(("c",),), (("c",),), (("a",),)]
    assert gathered.trace[0] is beam.trace[2]
    assert gathered.finished.tolist() == [True, True, False]
    gathered.scores[0] = 5.0
    assert beam.scores[2] == -2.0  # a copy
    with pytest.raises(ValueError, match="origin"):
        beam.gather(np.array([0, 1, 3]))


def test_problem_checks_example_counts():
    with pytest.raises(ValueError, match="2 inputs but 1 outputs"):
        Problem(("a", "b"), ("A",))


def test_subgoals_skip_joint_steps_without_subgoals():
    beam = _beam(2)
    beam.trace = [(StepTrace(subgoals=("x",)), StepTrace()), ()]
    assert beam.subgoals == [(("x",),), ()]
