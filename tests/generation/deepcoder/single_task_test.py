"""Tests of exedec_tf.generation.deepcoder.single_task (splits spec §4.9)."""

import random

import pytest

from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS, TOKEN_TO_LAMBDA
from exedec_tf.dsl.deepcoder.operations import (
    OPERATIONS,
    OPERATIONS_ONLY_SCAN,
    TOKEN_TO_OPERATION,
)
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.experiments import Experiment
from exedec_tf.generation.deepcoder import single_task as O
from tests.generation.deepcoder.scripted_rng import ScriptedRng

OPS = TOKEN_TO_OPERATION


def test_random_statement_draw_order_with_one_unused_variable():
    state = ProgramState([[1, 2], 3, [4]], ["x0", "x1", "x2"])
    rng = ScriptedRng(
        [
            # Canonical name x3: no draw. One unused variable: a coin flip.
            ("random", (), 0.3),
            # Every op takes a list, so all 15 fit; pick Take.
            ("choice", (list(OPERATIONS),), OPS["Take"]),
            ("choice", (["x1"],), "x1"),
            ("choice", (["x0", "x2"],), "x0"),
            # The required x2 goes into a free list slot of Take: slot 1.
            ("choice", ([1],), 1),
        ]
    )
    statement = O.random_statement(
        rng, state, ["x2"], True, True, Experiment.NONE, OPERATIONS, LAMBDAS
    )
    assert str(statement) == "x3 = Take x1 x2"
    assert rng.done()


def test_random_statement_drops_required_variables_that_cannot_fit():
    state = ProgramState([[1, 2], 3, 4], ["x0", "x5", "x7"])
    pool = [OPS["Take"], OPS["Sum"]]
    rng = ScriptedRng(
        [
            ("choice", (["x1", "x2", "x3", "x4", "x6", "x8", "x9"],), "x8"),
            # Last statement: both unused ints required, but no op takes two
            # ints: drop one at random (index 0 -> x5), then Take fits.
            ("choice", ([0, 1],), 0),
            ("choice", ([OPS["Take"]],), OPS["Take"]),
            ("choice", (["x5", "x7"],), "x5"),
            ("choice", (["x0"],), "x0"),
            ("choice", ([0],), 0),
        ]
    )
    statement = O.random_statement(
        rng, state, ["x5", "x7"], True, False, Experiment.NONE, pool, LAMBDAS, True
    )
    assert str(statement) == "x8 = Take x7 x0"
    assert rng.done()


def test_random_statement_two_unused_samples_one_or_two():
    state = ProgramState([[1], [2], [3]], ["x0", "x1", "x2"])
    for seed in range(30):
        statement = O.random_statement(
            random.Random(seed),
            state,
            ["x1", "x2"],
            True,
            True,
            Experiment.NONE,
            [OPS["ZipWith"]],
            LAMBDAS,
        )
        used = [a for a in statement.args if isinstance(a, str)]
        assert "x1" in used or "x2" in used


def test_add_op_train_restricts_scanl1_lambdas():
    state = ProgramState([[1, 2, 3]], ["x0"])
    for seed in range(40):
        statement = O.random_statement(
            random.Random(seed),
            state,
            [],
            True,
            True,
            Experiment.ADD_OP_FUNCTIONALITY,
            OPERATIONS_ONLY_SCAN,
            LAMBDAS,
        )
        assert statement.args[0] in (TOKEN_TO_LAMBDA["(-)"], TOKEN_TO_LAMBDA["(min)"])


def test_random_statement_with_no_usable_operation():
    state = ProgramState([[1, 2, 3]], ["x0"])
    with pytest.raises(ValueError, match="no operation"):
        O.random_statement(random.Random(0), state, [], True, True, None, [], LAMBDAS)


def test_is_redundant():
    a = ProgramState([[1], 2, [1]], ["x0", "x1", "x2"])
    b = ProgramState([[5], 2, [5]], ["x0", "x1", "x2"])
    c = ProgramState([[5], 2, [6]], ["x0", "x1", "x2"])
    assert O.is_redundant([a, b])
    assert not O.is_redundant([a, c])
    # Equal to x0 in one example and to x1 in the other is not redundant.
    d = ProgramState([[1], [2], [2]], ["x0", "x1", "x2"])
    e = ProgramState([[2], [1], [2]], ["x0", "x1", "x2"])
    assert not O.is_redundant([d, e])


def test_has_dead_code():
    assert O.has_dead_code(Program.from_str("x0 = INPUT | x1 = Sort x0 | x2 = Sum x0"))
    assert not O.has_dead_code(
        Program.from_str("x0 = INPUT | x1 = INPUT | x2 = Sort x0 | x3 = Sum x2")
    )


@pytest.mark.parametrize("seed", range(5))
def test_random_task_scanl1(seed):
    rng = random.Random(seed)
    for canonical in (True, False):
        task = O.random_task(
            rng,
            3,
            2,
            1,
            True,
            canonical,
            Experiment.COMPOSE_NEW_OP,
            OPERATIONS_ONLY_SCAN,
            LAMBDAS,
        )
        assert len(task.program) == 1
        assert task.program.statements[0].operation is OPS["Scanl1"]
        assert task.program.num_inputs == 2
        if canonical:
            assert task.program.input_variables == ("x0", "x1")
        outputs = [task.program.run_output(i) for i in task.inputs]
        assert outputs == task.outputs
        assert len({str(o) for o in outputs}) == 3


def test_random_task_single_example_is_not_constant():
    task = O.random_task(random.Random(1), 1, 1, 2, True, True)
    assert len(task.outputs) == 1 and len(task.program) == 2
    assert not O.has_dead_code(task.program)
