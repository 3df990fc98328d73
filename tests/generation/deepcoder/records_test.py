"""Tests of exedec_tf.generation.deepcoder.records (splits spec §6.1)."""

import random

from exedec_tf.domains.records import Step, Task
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.generation.deepcoder import records as R
from exedec_tf.generation.deepcoder.corruption import corrupt_next_part
from exedec_tf.generation.deepcoder.single_task import ProgramTask


def spec_task():
    program = Program.from_str(
        "x5 = INPUT | x1 = INPUT | x2 = Map (+1) x5 | x7 = Take x1 x2"
    )
    return ProgramTask(
        program, [[[4, 1, 3], 2], [[2, 5, 8, 7], 3]], [[5, 2], [3, 6, 9]]
    )


def test_spec_example_record():
    rng = random.Random(0)
    record = R.task_record(rng, R.trace_program_task(spec_task()))
    assert isinstance(record, Task)
    assert record.inputs == ("x5 = [ 4 1 3 ] | x1 = 2", "x5 = [ 2 5 8 7 ] | x1 = 3")
    assert record.outputs == ("[ 5 2 ]", "[ 3 6 9 ]")
    assert record.program == (
        "x5 = INPUT | x1 = INPUT | x2 = Map (+1) x5 | x7 = Take x1 x2"
    )
    first, second = record.steps
    assert first.inputs == record.inputs
    assert first.next_part == ("[ 5 2 4 ]", "[ 3 6 9 8 ]")
    assert first.program_part == "x2 = Map (+1) x5"
    assert second.inputs == (
        "x5 = [ 4 1 3 ] | x1 = 2 | x2 = [ 5 2 4 ]",
        "x5 = [ 2 5 8 7 ] | x1 = 3 | x2 = [ 3 6 9 8 ]",
    )
    assert second.next_part == ("[ 5 2 ]", "[ 3 6 9 ]")
    assert second.program_part == "x7 = Take x1 x2"
    for step in record.steps:
        assert isinstance(step, Step)
        assert step.outputs == record.outputs
        assert step.corrupted_next_part != step.next_part


def test_steps_corrupt_in_order_with_the_shared_rng():
    rng = random.Random(7)
    record = R.task_record(rng, R.trace_program_task(spec_task()))
    ref = random.Random(7)
    outputs = ("[ 5 2 ]", "[ 3 6 9 ]")
    expected = [
        tuple(corrupt_next_part(ref, ("[ 5 2 4 ]", "[ 3 6 9 8 ]"), outputs)),
        tuple(corrupt_next_part(ref, ("[ 5 2 ]", "[ 3 6 9 ]"), outputs)),
    ]
    assert [s.corrupted_next_part for s in record.steps] == expected
    assert rng.getstate() == ref.getstate()


def test_known_values_skip_parsing_but_not_draws():
    trace = R.trace_program_task(spec_task())
    with_values = trace._replace(
        steps=tuple(
            step._replace(next_values=values)
            for step, values in zip(
                trace.steps,
                [[(5, 2, 4), (3, 6, 9, 8)], [(5, 2), (3, 6, 9)]],
                strict=True,
            )
        )
    )
    for seed in range(30):
        a, b = random.Random(seed), random.Random(seed)
        assert R.task_record(a, trace) == R.task_record(b, with_values)
        assert a.getstate() == b.getstate()
