"""Per-experiment program distributions (splits spec §2.2, §5.2, §5.3)."""

import random

import pytest

from exedec_tf.dsl import robustfill as dsl
from exedec_tf.experiments import Experiment
from exedec_tf.generation.robustfill.draws import Draws
from exedec_tf.generation.robustfill.tasks import random_task_switch, sample_program


def _programs(experiment, is_train, count=150):
    draws = Draws(random.Random(experiment.value * 2 + is_train))
    for _ in range(count):
        ctx, program = sample_program(draws, experiment, is_train, 4, 20)
        outputs = [ctx.outputs(sampled) for sampled in program]
        for example in zip(*outputs, strict=True):
            assert 0 < len("".join(example)) <= 20 * 10
        yield [e for e, _ in program]


def _is_substring(e):
    return isinstance(e, dsl.Substring)


def _is_modify_or_const(e):
    return isinstance(e, (dsl.Modification, dsl.ConstStr))


def _is_compose(e):
    return type(e) is dsl.Compose


@pytest.mark.parametrize(
    "experiment, is_train, lengths",
    [
        (Experiment.NONE, True, range(1, 11)),
        (Experiment.NONE, False, range(1, 11)),
        (Experiment.LENGTH_GENERALIZATION, True, range(1, 7)),
        (Experiment.LENGTH_GENERALIZATION, False, range(7, 11)),
        (Experiment.COMPOSE_DIFFERENT_CONCEPTS, True, range(2, 7)),
        (Experiment.COMPOSE_DIFFERENT_CONCEPTS, False, range(2, 7)),
        (Experiment.SWITCH_CONCEPT_ORDER, True, range(2, 7)),
        (Experiment.SWITCH_CONCEPT_ORDER, False, range(2, 7)),
        (Experiment.COMPOSE_NEW_OP, True, range(1, 7)),
        (Experiment.COMPOSE_NEW_OP, False, range(2, 7)),
        (Experiment.ADD_OP_FUNCTIONALITY, True, range(1, 7)),
        (Experiment.ADD_OP_FUNCTIONALITY, False, range(1, 7)),
    ],
)
def test_program_lengths(experiment, is_train, lengths):
    seen = {len(program) for program in _programs(experiment, is_train)}
    assert seen == set(lengths)


def test_compose_different_concepts():
    for program in _programs(Experiment.COMPOSE_DIFFERENT_CONCEPTS, True):
        assert all(map(_is_substring, program)) or all(
            map(_is_modify_or_const, program)
        )
    for program in _programs(Experiment.COMPOSE_DIFFERENT_CONCEPTS, False):
        assert any(map(_is_substring, program))
        assert any(map(_is_modify_or_const, program))
        assert not any(map(_is_compose, program))


@pytest.mark.parametrize("is_train", [True, False])
def test_switch_concept_order(is_train):
    first, second = _is_substring, _is_modify_or_const
    if not is_train:
        first, second = second, first
    for program in _programs(Experiment.SWITCH_CONCEPT_ORDER, is_train):
        half = len(program) // 2
        assert all(map(first, program[:half]))
        assert all(map(second, program[half:]))


def test_compose_new_op():
    lone_composes = 0
    for program in _programs(Experiment.COMPOSE_NEW_OP, True, 300):
        if len(program) == 1 and _is_compose(program[0]):
            lone_composes += 1
        else:
            assert len(program) >= 2 and not any(map(_is_compose, program))
    assert 40 < lone_composes < 110  # probability 1/4
    for program in _programs(Experiment.COMPOSE_NEW_OP, False):
        assert any(map(_is_compose, program))


def test_add_op_functionality():
    for program in _programs(Experiment.ADD_OP_FUNCTIONALITY, True):
        for e in filter(_is_compose, program):
            assert isinstance(e.modification_or_substring, dsl.Modification)
    for program in _programs(Experiment.ADD_OP_FUNCTIONALITY, False):
        assert any(
            _is_compose(e) and _is_substring(e.modification_or_substring)
            for e in program
        )


def test_switch_needs_two_expressions():
    with pytest.raises(ValueError, match="min_expressions"):
        random_task_switch(
            Draws(random.Random(0)),
            num_examples=4,
            max_input_length=20,
            is_train=True,
            min_expressions=1,
        )
