"""The half-step helpers on hand-built beams (inference spec §2.3, §2.5)."""

import numpy as np

from exedec_tf.synthesis import steps
from exedec_tf.synthesis.options import NEG_INF, LoopOptions
from exedec_tf.synthesis.records import OuterBeam, StepTrace
from tests.synthesis import cases

RF, DC = cases.RF_OPS, cases.DC_OPS
TARGETS = ["AB.", "CD.", "EF.", "GH."]


def test_split_outputs_robustfill_prefix_and_remaining():
    valid, last, so, co, parts = steps.split_outputs(
        RF, ["AB", "CD", "EF", "GH"], TARGETS, 8, True
    )
    assert valid and not last and parts == ["AB", "CD", "EF", "GH"]
    assert [RF.decode_spec(r) for r in so] == ["AB", "CD", "EF", "GH"]
    assert [RF.decode_spec(r) for r in co] == ["."] * 4
    assert co[0].tolist() == [RF.spec_tokens(".")[0], 2, 0, 0, 0, 0, 0, 0]  # EOS
    assert so[0].tolist()[2] == 0  # no EOS in subgoals


def test_split_outputs_robustfill_non_prefix_is_invalid():
    valid, last, _, co, _ = steps.split_outputs(
        RF, ["AB", "xx", "EF", "GH"], TARGETS, 12, True
    )
    assert not valid and not last
    assert [RF.decode_spec(r) for r in co] == ["[invalid]"] * 4


def test_split_outputs_wrong_count_or_all_empty_is_invalid():
    for parts in (["AB", "CD"], ["", "", "", ""]):
        valid, _, so, _, used = steps.split_outputs(RF, parts, TARGETS, 12, True)
        assert not valid and used == ["[invalid]"] * 4
    # Some empty parts are fine (an empty prefix).
    assert steps.split_outputs(RF, ["", "C", "", ""], TARGETS, 12, True)[0]


def test_split_outputs_without_detect_invalid_repairs():
    valid, last, _, co, used = steps.split_outputs(
        RF, ["xyz", "C", "E", "G", "extra"], TARGETS, 12, False
    )
    assert valid and used == ["xyz", "C", "E", "G"]
    # Not a prefix, but len(part) characters are dropped anyway.
    assert [RF.decode_spec(r) for r in co] == ["", "D.", "F.", "H."]
    assert not last


def test_split_outputs_deepcoder_stray_zero_ids_and_last_step():
    parts = DC.split_prediction(DC.spec_tokens("[ 1 2 ] | [ 3 ] | [ 4 ]"))
    assert parts == ["[ 1 2 ] ", " [ 3 ] ", " [ 4 ]"]
    valid, last, so, co, _ = steps.split_outputs(
        DC, parts, ["[ 1 2 ]", "[ 3 ]", "[ 4 ]"], 10, True
    )
    assert valid and not last  # spaces: never the last step from a prediction
    zero = 0
    assert so[0].tolist()[:5] == DC.spec_tokens("[ 1 2 ]") + [zero]
    assert so[1].tolist()[:4] == [zero] + DC.spec_tokens("[ 3 ]")
    assert co[0].tolist()[:5] == DC.spec_tokens("[ 1 2 ]") + [2]
    # Executed outputs are exact strings: last step when they match.
    assert steps.split_outputs(DC, ["1", "2", "3"], ["1", "2", "3"], 10, True)[1]


def test_split_outputs_deepcoder_unparseable_part_is_invalid():
    valid = steps.split_outputs(DC, ["[ 1", "2", "3"], ["1", "2", "3"], 10, True)[0]
    assert not valid


def _rf_beam(k, programs, finished=None, valid=None, scores=None):
    inputs = np.stack([RF.encode_spec(x, 12, False) for x in ("ab", "cd", "ef", "gh")])
    outputs = np.stack([RF.encode_spec(x, 12, False) for x in TARGETS])
    beam = OuterBeam.initial(inputs, outputs, [1], k)
    beam.programs = np.asarray(programs, np.int32)
    beam.finished = np.array(finished or [False] * k)
    beam.valid = np.array(valid or [True] * k)
    beam.last_step = np.zeros(k, bool)
    beam.scores = np.asarray(scores or [-1.0] * k, np.float32)
    beam.step_outputs = np.stack(
        [np.stack([RF.encode_spec(x, 12, False) for x in ("AB", "CD", "EF", "GH")])] * k
    )
    return beam


def test_synth_update_discards_lower_slot_with_same_trace():
    # Slots 0 and 2 both print the upper-cased input; slot 1 differs.
    beam = _rf_beam(3, [[1], [1], [1]])
    seqs = np.array(
        [
            [8, 111, 2, 0, 0],
            [7, 109, 216, 2, 0],
            [8, 111, 2, 0, 0],
        ]
    )
    scores = np.array([-3.0, -2.0, -1.0], np.float32)
    new = steps.synth_update(
        beam,
        seqs,
        scores,
        np.array([0, 1, 2]),
        RF,
        LoopOptions(beam_size=3),
        cases.RF_PROBLEM.inputs,
        TARGETS,
        0,
    )
    assert new.valid.tolist() == [False, False, True]  # 1: not a prefix
    assert new.finished.tolist() == [True, True, False]
    assert new.scores.tolist() == [
        np.float32(-3.0) + NEG_INF,
        np.float32(-2.0) + NEG_INF,
        -1.0,
    ]
    assert [RF.decode_spec(r) for r in new.current_outputs[2]] == ["."] * 4
    assert new.programs[2].tolist() == [1, 8, 111, 2, 0, 0]


def test_synth_update_finished_slots_get_zero_parts_and_penalty_again():
    beam = _rf_beam(
        2, [[1], [1]], finished=[True, False], valid=[False, True], scores=[-1e7, -1]
    )
    seqs = np.array([[8, 111, 2], [8, 111, 2]])
    new = steps.synth_update(
        beam,
        seqs,
        np.array([-1e7, -1.5], np.float32),
        np.array([0, 1]),
        RF,
        LoopOptions(beam_size=2),
        cases.RF_PROBLEM.inputs,
        TARGETS,
        0,
    )
    assert new.programs[0].tolist() == [1, 0, 0, 0]
    assert new.scores[0] == np.float32(-2e7)
    assert new.valid.tolist() == [False, True]
    # Only the live slot's lineage gets this step's part (a joint-mode
    # entry here: the beam has no spec entry for it).
    assert new.trace[0] == ()
    [entry] = new.trace[1]
    assert entry.part.tolist() == [8, 111, 2] and entry.subgoals is None
    assert entry.program.tolist() == [1, 8, 111, 2]


def test_synth_update_fills_the_spec_entry_of_this_step():
    beam = _rf_beam(1, [[1]])
    beam.trace = [(StepTrace(subgoals=("AB",) * 4, targets=("AB",) * 4),)]
    new = steps.synth_update(
        beam,
        np.array([[8, 111, 2]]),
        np.array([-1.5], np.float32),
        np.array([0]),
        RF,
        LoopOptions(beam_size=1),
        cases.RF_PROBLEM.inputs,
        TARGETS,
        0,
    )
    [entry] = new.trace[0]
    assert entry.subgoals == ("AB",) * 4 and entry.part.tolist() == [8, 111, 2]


def test_spec_update_gathers_by_origin_and_marks_finished_slots():
    beam = _rf_beam(2, [[1], [1]], finished=[True, False], valid=[False, True])
    seqs = np.stack(
        [
            np.pad(RF.spec_tokens("AB|CD|EF|GH") + [2], (0, 3)),
            np.pad(RF.spec_tokens("A|C|E|G") + [2], (0, 7)),
        ]
    )
    new = steps.spec_update(
        beam,
        seqs,
        np.array([-2.0, -1.0], np.float32),
        np.array([1, 1]),  # both children of the live slot
        RF,
        LoopOptions(beam_size=2),
    )
    assert new.valid.tolist() == [True, True]
    assert [RF.decode_spec(r) for r in new.step_outputs[1]] == ["A", "C", "E", "G"]
    assert [RF.decode_spec(r) for r in new.current_outputs[0]] == ["."] * 4
    assert new.subgoals[1] == (("A", "C", "E", "G"),)
    [entry] = new.trace[1]
    assert entry.targets == ("A", "C", "E", "G") and entry.part is None


def test_first_solution_ignores_validity_and_prefers_high_slots():
    beam = _rf_beam(
        3,
        [[1, 8, 111, 4, 83, 2], [1, 8, 111, 4, 83, 2], [1, 7, 109, 216, 2, 0]],
        valid=[False, False, True],
    )
    slot, programs, satisfied = steps.first_solution(
        beam, RF, cases.RF_PROBLEM.inputs, cases.RF_PROBLEM.outputs
    )
    assert slot == 1 and programs[2].text == "7 109 216"
    assert satisfied[:2] == [(True,) * 4] * 2
    assert satisfied[2] == (False,) * 4
