"""The Transformer baseline: one standard beam search per problem."""

import dataclasses

import numpy as np
import pytest

from exedec_tf.synthesis.baseline import run_baseline
from exedec_tf.synthesis.options import NEG_INF
from tests.synthesis import cases
from tests.synthesis.fakes import ScriptedBeamModel

WHOLE = cases.TO_UPPER + cases.DOT


class _Recording(ScriptedBeamModel):
    def beam_search(self, inputs, outputs, init_scores, init_finished):
        self.init = (inputs.copy(), init_scores.copy(), init_finished.copy())
        return super().beam_search(inputs, outputs, init_scores, init_finished)


def _model():
    return _Recording(
        cases.RF_OPS,
        {("AB.", "CD.", "EF.", "GH."): [(WHOLE, -0.5), (cases.FIRST_CHAR, -0.1)]},
        max_decode_length=10,
    )


def test_standard_init_and_success_from_any_element():
    model = _model()
    unsolvable = dataclasses.replace(cases.RF_PROBLEM, outputs=("x",) * 4, index=7)
    results = run_baseline([cases.RF_PROBLEM, unsolvable], cases.RF, model, 3, 8)
    inputs, scores, finished = model.init
    assert inputs.shape == (8, 3, 4, 24)  # padded to the batch size
    assert (inputs[:, 0] == inputs[:, 2]).all()  # the spec tiled K times
    assert scores[:2].tolist() == [[0.0, NEG_INF, NEG_INF]] * 2
    assert not finished[:2].any() and finished[2:].all()
    solved, failed = results
    assert solved.success and solved.solution == "8 111|4 83"
    assert solved.solution_slot == 1  # the better GetToken element is wrong
    assert [s.program for s in solved.beam] == [None, "8 111|4 83", "7 109 216"]
    assert not failed.success and failed.index == 7 and failed.solution is None
    assert solved.num_steps == 1


def test_batches_are_independent():
    problems = [dataclasses.replace(cases.RF_PROBLEM, index=i) for i in range(5)]
    one = run_baseline(problems, cases.RF, _model(), 3, 1)
    many = run_baseline(problems, cases.RF, _model(), 3, 2)
    strip = lambda rs: [dataclasses.replace(r, time_s=0) for r in rs]  # noqa: E731
    assert strip(one) == strip(many)


def test_bad_sizes():
    with pytest.raises(ValueError, match="batch_size"):
        run_baseline([cases.RF_PROBLEM], cases.RF, _model(), 3, 0)
    with pytest.raises(ValueError, match="beam_size"):
        run_baseline([cases.RF_PROBLEM], cases.RF, _model(), 0, 1)
    assert np.float32(NEG_INF) == -1e7
