"""The public entry point: arguments, purity and the domain dispatcher."""

import gc
import itertools

import pytest

from exedec_tf.domains.records import Task
from exedec_tf.experiments import Experiment
from exedec_tf.generation import api
from exedec_tf.generation.robustfill import generate_tasks, generator


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"experiment": "NOPE"}, "'NOPE'"),
        ({"split": "dev"}, "'dev'"),
        ({"seed": "0"}, "seed.*'0'"),
        ({"seed": 1.5}, "seed.*1.5"),
        ({"shard": -1}, "shard.*-1"),
        ({"shard": True}, "shard.*True"),
        ({"num_tasks": -2}, "num_tasks.*-2"),
        ({"num_tasks": 3.0}, "num_tasks.*3.0"),
        ({"num_examples": 0}, "num_examples.*0"),
        ({"max_input_length": 0}, "max_input_length.*0"),
        ({"max_input_length": 1}, "max_input_length.*>= 2"),
        ({"max_input_length": None}, "max_input_length.*None"),
    ],
)
def test_bad_arguments_raise_at_call_time(kwargs, match):
    args = {"experiment": "NONE", "split": "test", "seed": 0, "shard": 0}
    args["num_tasks"] = 1
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        generate_tasks(**args)  # raises before any iteration


def test_names_and_members_are_accepted():
    by_name = list(generate_tasks("compose_new_op", "valid", 0, 0, 5))
    by_member = list(generate_tasks(Experiment.COMPOSE_NEW_OP, "valid", 0, 0, 5))
    assert by_name == by_member
    assert all(isinstance(t, Task) for t in by_name)
    assert list(generate_tasks("NONE", "test", 0, 0, 0)) == []


def test_pure_and_independent():
    first = generate_tasks("NONE", "train", 3, 2, 30)
    second = generate_tasks("NONE", "train", 3, 2, 30)
    # Interleaved iteration: no shared state between runs.
    pairs = list(zip(first, second, strict=True))
    assert all(a == b for a, b in pairs)
    prefix = list(generate_tasks("NONE", "train", 3, 2, 10))
    assert prefix == [a for a, _ in pairs[:10]]


def test_seed_phrase_parts_change_the_tasks():
    base = list(generate_tasks("NONE", "train", 0, 0, 3))
    for variant in [
        ("NONE", "valid", 0, 0),
        ("NONE", "train", 1, 0),
        ("NONE", "train", 0, 1),
    ]:
        assert list(generate_tasks(*variant, 3)) != base


def test_sizes():
    for task in generate_tasks(
        "NONE", "train", 0, 0, 20, num_examples=2, max_input_length=6
    ):
        assert len(task.inputs) == len(task.outputs) == 2
        assert all(1 <= len(v) <= 6 for v in task.inputs)
        for step in task.steps:
            assert all(len(c) <= 6 for c in step.corrupted_next_part)


def test_api_dispatch():
    via_api = list(api.generate_tasks("robustfill", "NONE", "test", 0, 0, 4))
    assert via_api == list(generate_tasks("NONE", "test", 0, 0, 4, num_examples=4))
    five = next(
        iter(api.generate_tasks("robustfill", "NONE", "test", 0, 0, 1, num_examples=5))
    )
    assert len(five.inputs) == 5


def test_steps_rebuild_the_task():
    for task in itertools.islice(generate_tasks("NONE", "test", 0, 0, 50), 50):
        assert len(task.steps) == len(task.program.split("|"))
        assert "|".join(s.program_part for s in task.steps) == task.program
        assert task.steps[0].outputs == task.outputs
        for step, later in zip(task.steps, task.steps[1:], strict=False):
            for out, nxt, rest in zip(
                step.outputs, step.next_part, later.outputs, strict=True
            ):
                assert out == nxt + rest


def test_expression_cache_does_not_change_results(monkeypatch):
    cached = list(generate_tasks("COMPOSE_NEW_OP", "test", 0, 0, 40))
    monkeypatch.setattr(generator, "_MAX_CACHED_EXPRESSIONS", 0)  # clear every task
    assert list(generate_tasks("COMPOSE_NEW_OP", "test", 0, 0, 40)) == cached


def test_collector_is_paused_only_while_a_task_is_built():
    # The generator pauses the cyclic collector per task: between tasks (at
    # each yield) and after the run, the caller's setting holds.
    assert gc.isenabled()
    seen = [gc.isenabled() for _ in generate_tasks("NONE", "train", 0, 0, 3)]
    assert seen == [True] * 3 and gc.isenabled()
    gc.disable()
    try:
        seen = [gc.isenabled() for _ in generate_tasks("NONE", "train", 0, 0, 3)]
        assert seen == [False] * 3 and not gc.isenabled()
    finally:
        gc.enable()


def test_collector_is_restored_when_a_task_fails(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("sampler failed")

    monkeypatch.setattr(generator, "sample_program", fail)
    with pytest.raises(RuntimeError, match="sampler failed"):
        next(generate_tasks("NONE", "train", 0, 0, 1))
    assert gc.isenabled()


@pytest.mark.parametrize("experiment", ["NONE", "COMPOSE_NEW_OP"])
def test_tasks_leave_no_cyclic_garbage(experiment):
    # Why pausing the collector is safe: reference counting frees everything.
    gc.collect()
    gc.disable()
    try:
        for _ in generate_tasks(experiment, "test", 0, 0, 200):
            pass
        assert gc.collect() == 0
    finally:
        gc.enable()
