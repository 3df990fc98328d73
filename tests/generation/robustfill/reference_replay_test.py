"""The optimised generator against the naive spec-literal one (`reference`).

Same tasks, same steps and the same RNG state afterwards, for every
experiment and split and for non-default sizes, show that caches, closed-form
emptiness tests and inlined draws changed nothing observable.
"""

import itertools

import pytest

from exedec_tf.experiments import Experiment
from exedec_tf.generation.robustfill import generate_tasks
from exedec_tf.generation.robustfill.decomposition import build_task
from exedec_tf.generation.robustfill.draws import Draws
from exedec_tf.generation.robustfill.tasks import sample_program
from exedec_tf.generation.seeds import shard_rng
from tests.generation.robustfill import reference


@pytest.mark.parametrize(
    "experiment, split",
    list(itertools.product(Experiment, ("train", "valid", "test"))),
)
def test_same_tasks_and_rng_state_as_reference(experiment, split):
    is_train = split != "test"
    expected_rng = shard_rng(experiment, split, 1, 11)
    actual_rng = shard_rng(experiment, split, 1, 11)
    draws = Draws(actual_rng)
    for _ in range(60):
        want = reference.task(expected_rng, experiment, is_train)
        ctx, program = sample_program(draws, experiment, is_train, 4, 20)
        assert build_task(ctx, program, draws, 20) == want
        assert actual_rng.getstate() == expected_rng.getstate()


@pytest.mark.parametrize(
    "num_examples, max_input_length", [(1, 20), (2, 7), (5, 20), (9, 3), (4, 40)]
)
@pytest.mark.parametrize("experiment", list(Experiment))
def test_other_sizes_match_reference(experiment, num_examples, max_input_length):
    rng = shard_rng(experiment, "train", 0, 5)
    want = [
        reference.task(rng, experiment, True, num_examples, max_input_length)
        for _ in range(25)
    ]
    got = list(
        generate_tasks(
            experiment,
            "train",
            5,
            0,
            25,
            num_examples=num_examples,
            max_input_length=max_input_length,
        )
    )
    assert got == want
