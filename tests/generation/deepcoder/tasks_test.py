"""Tests of the public generator API (exedec_tf.generation.deepcoder)."""

import dataclasses

import pytest

from exedec_tf.domains.records import Task
from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.operations import FIRST_ORDER_AND_MAP, HIGHER_ORDER_NO_MAP
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.trace import execution_trace
from exedec_tf.dsl.deepcoder.values import format_value
from exedec_tf.experiments import Experiment
from exedec_tf.generation.deepcoder import (
    DEFAULT_PROGRAMS_PER_SEARCH,
    generate_tasks,
    make_context,
    search_tasks,
)
from exedec_tf.generation.deepcoder.single_task import has_dead_code
from exedec_tf.generation.seeds import shard_rng


def check_task(task, num_examples=3):
    """Checks a record's internal consistency; returns its program."""
    assert isinstance(task, Task)
    program = Program.from_str(task.program)
    assert str(program) == task.program
    assert not has_dead_code(program)
    assert len(task.inputs) == len(task.outputs) == num_examples
    states = [ProgramState.from_str(s) for s in task.inputs]
    for state, text in zip(states, task.inputs, strict=True):
        assert str(state) == text
        assert tuple(state.variables) == program.input_variables
    outputs = [format_value(program.run_output(s.values)) for s in states]
    assert tuple(outputs) == task.outputs
    assert len(set(outputs)) == num_examples
    trace = execution_trace(program, [s.values for s in states])
    assert len(task.steps) == len(program)
    for step, expected in zip(task.steps, trace, strict=True):
        assert step.inputs == expected.inputs
        assert step.next_part == expected.next_part
        assert step.program_part == expected.program_part
        assert step.outputs == task.outputs
        assert step.corrupted_next_part != step.next_part
        assert len(step.corrupted_next_part) == num_examples
    assert task.steps[-1].next_part == task.outputs
    return program


def test_defaults():
    assert DEFAULT_PROGRAMS_PER_SEARCH == {"train": 1000, "valid": 10, "test": 10}
    assert make_context("NONE", "test").num_programs == 10
    assert make_context("NONE", "valid").num_programs == 10
    assert make_context("NONE", "train").num_programs == 1000
    ctx = make_context("none", "train")
    assert ctx.experiment is Experiment.NONE
    assert ctx.is_train and not ctx.canonical
    ctx = make_context(Experiment.NONE, "valid")
    assert ctx.is_train and ctx.canonical
    ctx = make_context("NONE", "test")
    assert not ctx.is_train and ctx.canonical


def test_switch_test_tasks_follow_the_split_rules():
    tasks = list(generate_tasks("SWITCH_CONCEPT_ORDER", "test", 0, 0, 2))
    assert len(tasks) == 20
    for task in tasks:
        program = check_task(task)
        n = len(program)
        assert 2 <= n <= 4
        names = [f"x{i}" for i in range(program.num_inputs + n)]
        assert list(program.get_variables()) == names  # Canonical order.
        for i, statement in enumerate(program.statements):
            group = FIRST_ORDER_AND_MAP if i < n // 2 else HIGHER_ORDER_NO_MAP
            assert statement.operation in group
    # Ten tasks per search share their inputs.
    assert len({t.inputs for t in tasks[:10]}) == 1
    assert tasks[0].inputs != tasks[10].inputs


def test_train_tasks_use_random_variable_names_and_train_rules():
    tasks = list(generate_tasks("SWITCH_CONCEPT_ORDER", "train", 0, 5, 1, 40))
    assert len(tasks) == 40
    canonical = 0
    for task in tasks:
        program = check_task(task)
        n = len(program)
        for i, statement in enumerate(program.statements):
            group = HIGHER_ORDER_NO_MAP if i < n // 2 else FIRST_ORDER_AND_MAP
            assert statement.operation in group
        names = list(program.get_variables())
        canonical += names == [f"x{i}" for i in range(len(names))]
    assert canonical < 5


def test_compose_new_op_train_mixes_in_scanl1_tasks():
    tasks = list(generate_tasks("COMPOSE_NEW_OP", "train", 1, 0, 1, 12))
    lengths = [len(check_task(t).statements) for t in tasks]
    single = [t for t, n in zip(tasks, lengths, strict=True) if n == 1]
    assert len(single) == 3  # 12 // 4.
    assert all(" = Scanl1 " in t.program for t in single)
    assert all("Scanl1" not in t.program for t in tasks if t not in single)


def test_is_deterministic_and_shards_differ():
    a = list(generate_tasks("SWITCH_CONCEPT_ORDER", "valid", 1, 0, 1, 5))
    b = list(generate_tasks("SWITCH_CONCEPT_ORDER", "valid", 1, 0, 1, 5))
    c = list(generate_tasks("SWITCH_CONCEPT_ORDER", "valid", 1, 1, 1, 5))
    d = list(generate_tasks("SWITCH_CONCEPT_ORDER", "valid", 2, 0, 1, 5))
    assert a == b
    assert a != c and a != d
    assert all(dataclasses.is_dataclass(t) for t in a)


def test_shard_is_searches_in_sequence():
    ctx = make_context("SWITCH_CONCEPT_ORDER", "test", 4)
    rng = shard_rng("SWITCH_CONCEPT_ORDER", "test", 0, 2)
    expected = search_tasks(rng, ctx) + search_tasks(rng, ctx)
    got = list(generate_tasks("SWITCH_CONCEPT_ORDER", "test", 2, 0, 2, 4))
    assert got == expected


def test_zero_searches_and_more_examples():
    assert list(generate_tasks("NONE", "test", 0, 0, 0)) == []
    tasks = list(generate_tasks("SWITCH_CONCEPT_ORDER", "test", 2, 0, 1, 3, 5, 3))
    assert len(tasks) == 3
    for task in tasks:
        program = check_task(task, num_examples=5)
        assert 1 <= program.num_inputs <= 3


def test_other_config():
    config = DeepCoderConfig(max_int=20, max_list_length=4)
    tasks = list(
        generate_tasks("SWITCH_CONCEPT_ORDER", "test", 0, 0, 1, 5, config=config)
    )
    for task in tasks:
        for state in task.inputs:
            for value in ProgramState.from_str(state, config).values:
                if type(value) is int:
                    assert 0 <= value <= 4
                else:
                    assert len(value) <= 4 and all(-20 <= x <= 20 for x in value)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"experiment": "NOPE"}, "'NOPE'"),
        ({"split": "dev"}, "'dev'"),
        ({"seed": "0"}, "'0'"),
        ({"shard": -1}, "-1"),
        ({"num_searches": -1}, "num_searches .*-1"),
        ({"num_searches": 1.5}, "num_searches .*1.5"),
        ({"num_programs_per_search": 0}, "num_programs_per_search .*0"),
        ({"num_examples": 1}, "num_examples .*1"),
        ({"num_examples": 7}, "num_examples=7"),
        ({"max_program_arity": 0}, "max_program_arity .*0"),
        ({"max_program_arity": True}, "max_program_arity .*True"),
        ({"max_program_arity": 6}, "max_program_arity=6"),
        ({"config": {"max_int": 5}}, "DeepCoderConfig"),
    ],
)
def test_bad_arguments_are_named(kwargs, match):
    args = {
        "experiment": "NONE",
        "split": "test",
        "seed": 0,
        "shard": 0,
        "num_searches": 1,
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        generate_tasks(**args)  # Raises at the call, before iteration.


def test_arity_limit_depends_on_searched_lengths():
    # LENGTH_GENERALIZATION train searches up to length 4: 6 + 4 names fit.
    make_context("LENGTH_GENERALIZATION", "train", max_program_arity=6)
    with pytest.raises(ValueError, match="11 variable names"):
        make_context("LENGTH_GENERALIZATION", "test", max_program_arity=6)
