"""Decoding lineage entries into step records (part outputs vs subgoals)."""

import numpy as np

from exedec_tf.synthesis.records import StepTrace
from exedec_tf.synthesis.step_records import step_record, step_records
from tests.synthesis import cases

RF, DC = cases.RF_OPS, cases.DC_OPS
RF_INPUTS = cases.RF_PROBLEM.inputs


def _ids(ids, length=10):
    return np.array(list(ids) + [0] * (length - len(ids)), np.int32)


def test_robustfill_part_achieves_some_subgoals():
    entry = StepTrace(
        subgoals=("AB", "CD", "EF", "xx"),
        targets=("AB", "CD", "EF", "xx"),
        part=_ids(cases.TO_UPPER + [2]),
        program=_ids([1, *cases.TO_UPPER, 2]),
    )
    record = step_record(RF, 3, entry, RF_INPUTS)
    assert record.step == 3 and record.synthesized
    assert record.program_part == "8 111"
    assert record.part_outputs == ("AB", "CD", "EF", "GH")
    assert record.achieved == (True, True, True, False)
    assert record.subgoals == ("AB", "CD", "EF", "xx")


def test_robustfill_runs_only_the_step_part():
    # The whole program would output "AB." but the step's part is only ".".
    entry = StepTrace(
        subgoals=(".",) * 4,
        targets=(".",) * 4,
        part=_ids(cases.DOT + [2]),
        program=_ids([1, *cases.TO_UPPER, 2, *cases.DOT, 2], 12),
    )
    record = step_record(RF, 1, entry, RF_INPUTS)
    assert record.program_part == "4 83" and record.achieved == (True,) * 4


def test_undecodable_part_achieves_nothing():
    entry = StepTrace(
        subgoals=("AB",) * 4, targets=("AB",) * 4, part=_ids([3, 2]), program=None
    )
    record = step_record(RF, 0, entry, RF_INPUTS)
    assert record.program_part is None
    assert record.part_outputs == (None,) * 4
    assert record.achieved == (False,) * 4


def test_spec_only_step_and_joint_step():
    spec_only = step_record(RF, 0, StepTrace(subgoals=("[invalid]",) * 4), RF_INPUTS)
    assert not spec_only.synthesized
    assert spec_only.achieved is None and spec_only.part_outputs is None
    joint = step_record(RF, 0, StepTrace(part=_ids(cases.TO_UPPER + [2])), RF_INPUTS)
    assert joint.synthesized and joint.subgoals is None and joint.achieved is None
    assert joint.part_outputs == ("AB", "CD", "EF", "GH")


def test_deepcoder_judges_the_new_variable_of_the_whole_program():
    state = DC.initial_program(1)
    part = DC.spec_tokens("Map (*2) x0") + [2]
    program = np.array(state + DC.part_prefix(1) + part, np.int32)
    entry = StepTrace(
        # As split: the stray spaces of a DeepCoder prediction.
        subgoals=("[ 2 4 6 ] ", " [ 8 ] ", " [ -3 ]"),
        targets=("[ 2 4 6 ]", "[ 8 ]", "[ -3 ]"),
        part=np.array(part, np.int32),
        program=program,
    )
    record = step_record(DC, 0, entry, cases.DC_INPUTS)
    assert record.program_part == "x1 = Map (*2) x0"
    assert record.part_outputs == ("[ 2 4 6 ]", "[ 8 ]", "[ -2 ]")
    assert record.achieved == (True, True, False)


def test_records_are_numbered_by_position():
    trace = (StepTrace(subgoals=("a",) * 4), StepTrace(subgoals=("b",) * 4))
    assert [r.step for r in step_records(RF, trace, RF_INPUTS)] == [0, 1]
