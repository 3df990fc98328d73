"""Task and step records of a sampled program (splits spec §6.2)."""

import random

from exedec_tf.domains.records import Step, Task
from exedec_tf.dsl import robustfill as dsl
from exedec_tf.generation.robustfill.context import TaskContext
from exedec_tf.generation.robustfill.decomposition import build_task
from exedec_tf.generation.robustfill.draws import Draws
from tests.generation.robustfill import reference


def _program(ctx):
    return [
        ctx.make("7 103 216", dsl.GetToken, dsl.Type.WORD, 1),
        ctx.make("4 83", dsl.ConstStr, "."),
        ctx.make("8 111", dsl.ToCase, dsl.Case.ALL_CAPS),
    ]


def test_records():
    ctx = TaskContext(["ab cd", "Ef"], {" ": 1}, {dsl.Type.WORD: 2})
    rng = random.Random(0)
    task = build_task(ctx, _program(ctx), Draws(rng), 20)
    assert isinstance(task, Task)
    assert task.inputs == ("ab cd", "Ef")
    assert task.outputs == ("ab.AB CD", "Ef.EF")
    assert task.program == "7 103 216|4 83|8 111"
    expressions = [e for e, _ in _program(ctx)]
    assert task.program == dsl.program_to_string(dsl.Concat(*expressions))
    assert [type(s) for s in task.steps] == [Step] * 3
    assert [s.inputs for s in task.steps] == [task.inputs] * 3
    assert [s.outputs for s in task.steps] == [
        ("ab.AB CD", "Ef.EF"),
        (".AB CD", ".EF"),
        ("AB CD", "EF"),
    ]
    assert [s.next_part for s in task.steps] == [
        ("ab", "Ef"),
        (".", "."),
        ("AB CD", "EF"),
    ]
    assert [s.program_part for s in task.steps] == ["7 103 216", "4 83", "8 111"]
    for step in task.steps:
        assert step.corrupted_next_part != step.next_part
        assert all(len(c) <= 20 for c in step.corrupted_next_part)


def test_corruptions_are_drawn_step_by_step():
    ctx = TaskContext(["ab cd", "Ef"], {" ": 1}, {dsl.Type.WORD: 2})
    expected, actual = random.Random(9), random.Random(9)
    task = build_task(ctx, _program(ctx), Draws(actual), 20)
    parts = [["ab", ".", "AB CD"], ["Ef", ".", "EF"]]
    for i, step in enumerate(task.steps):
        remaining = [p[i:] for p in parts]
        want = reference.corrupt(
            expected,
            [p[i] for p in parts],
            ["".join(p) for p in remaining],
            remaining,
            20,
        )
        assert list(step.corrupted_next_part) == want
    assert actual.getstate() == expected.getstate()
