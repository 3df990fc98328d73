"""Expression samplers and pools (splits spec §5.5) against the spec-literal
reference: same expression (or None), same ids, same RNG state afterwards."""

import random
from fractions import Fraction

import pytest

from exedec_tf.dsl import robustfill as dsl
from exedec_tf.generation.robustfill import modification_samplers as ms
from exedec_tf.generation.robustfill import pools
from exedec_tf.generation.robustfill import substring_samplers as ss
from exedec_tf.generation.robustfill.context import TaskContext
from exedec_tf.generation.robustfill.draws import Draws
from exedec_tf.generation.robustfill.inputs import sample_inputs
from tests.generation.robustfill import reference

# (ours, reference) in pool order.
SAMPLERS = [
    *zip(pools.ALL_SUBSTRING, reference.SUBSTRING, strict=True),
    *zip(pools.ALL_MODIFICATION, reference.MODIFICATION, strict=True),
    (ms.sample_const, reference._const),
    (pools.sample_compose_modification, reference.COMPOSE_MOD),
    (pools.sample_compose_substring, reference.COMPOSE_SUB),
]

POOLS = [
    (pools.SAMPLER_POOL_ALL, reference.ALL),
    (pools.SAMPLER_POOL_NO_COMPOSE, reference.NO_COMPOSE),
    (pools.SAMPLER_POOL_NO_COMPOSE_SUBSTRING, reference.NO_COMPOSE_SUBSTRING),
    (pools.SAMPLER_POOL_ONLY_COMPOSE, reference.ONLY_COMPOSE),
    (pools.SAMPLER_POOL_MODIFY_OR_CONST, reference.MODIFY_OR_CONST),
    (
        pools.SAMPLER_POOL_SUBSTRING_OR_MODIFY,
        [reference.SUBSTRING, reference.MODIFY_OR_CONST],
    ),
    (pools.ALL_SUBSTRING, reference.SUBSTRING),
    (pools.ALL_MODIFICATION, reference.MODIFICATION),
]


def _ids(expression) -> str:
    return " ".join(map(str, dsl.encode_expression(expression)))


def _check_against_reference(ours, theirs, seed: int, repeats: int) -> int:
    """Runs both on the same sampled inputs; returns how many were not None."""
    expected, actual = random.Random(seed), random.Random(seed)
    draws = Draws(actual)
    found = 0
    for _ in range(repeats):
        values, delimiters, types = sample_inputs(draws, 4)
        task = reference._Task(expected, *reference.inputs(expected, 4))
        ctx = TaskContext(values, delimiters, types)
        want = theirs(task)
        got = ours(ctx, draws)
        if want is None:
            assert got is None
        else:
            found += 1
            expression, ids = got
            assert expression == want
            assert ids == _ids(want)
            outputs = ctx.outputs(got)
            assert outputs == tuple(want(v) for v in values)
        assert actual.getstate() == expected.getstate()
    return found


@pytest.mark.parametrize(
    "ours, theirs", SAMPLERS, ids=[s.__name__ for s, _ in SAMPLERS]
)
@pytest.mark.parametrize("seed", range(3))
def test_sampler_matches_reference(ours, theirs, seed):
    assert _check_against_reference(ours, theirs, seed, 100) > 0


@pytest.mark.parametrize("index", range(len(POOLS)))
def test_random_expression_matches_reference(index):
    ours, theirs = POOLS[index]
    found = _check_against_reference(
        lambda ctx, draws: pools.random_expression(ctx, draws, ours),
        lambda task: reference.expression(task, theirs),
        index,
        100,
    )
    assert found == 100  # random_expression never gives up


def _leaf_probabilities(pool, weight=Fraction(1)) -> dict:
    probabilities: dict = {}
    for entry in pool:
        share = weight / len(pool)
        if isinstance(entry, tuple):
            for leaf, p in _leaf_probabilities(entry, share).items():
                probabilities[leaf] = probabilities.get(leaf, 0) + p
        else:
            probabilities[entry] = probabilities.get(entry, 0) + share
    return probabilities


SUBSTRINGS = pools.ALL_SUBSTRING
MODIFICATIONS = pools.ALL_MODIFICATION
COMPOSE_MOD = pools.sample_compose_modification
COMPOSE_SUB = pools.sample_compose_substring
CONST = ms.sample_const


def _expect(*groups) -> dict:
    return {s: Fraction(p) for samplers, p in groups for s in samplers}


@pytest.mark.parametrize(
    "pool, expected",
    [
        (
            pools.SAMPLER_POOL_ALL,
            _expect(
                (SUBSTRINGS, "1/20"),
                (MODIFICATIONS, "1/36"),
                ((COMPOSE_MOD, COMPOSE_SUB), "1/8"),
                ((CONST,), "1/4"),
            ),
        ),
        (
            pools.SAMPLER_POOL_NO_COMPOSE,
            _expect((SUBSTRINGS, "1/15"), (MODIFICATIONS, "1/27"), ((CONST,), "1/3")),
        ),
        (
            pools.SAMPLER_POOL_NO_COMPOSE_SUBSTRING,
            _expect(
                (SUBSTRINGS, "1/20"),
                (MODIFICATIONS, "1/36"),
                ((COMPOSE_MOD, CONST), "1/4"),
            ),
        ),
        (pools.SAMPLER_POOL_ONLY_COMPOSE, _expect(((COMPOSE_MOD, COMPOSE_SUB), "1/2"))),
        (
            pools.SAMPLER_POOL_MODIFY_OR_CONST,
            _expect((MODIFICATIONS + (CONST,), "1/10")),
        ),
        (
            pools.SAMPLER_POOL_SUBSTRING_OR_MODIFY,
            _expect((SUBSTRINGS, "1/10"), (MODIFICATIONS + (CONST,), "1/20")),
        ),
    ],
)
def test_pool_probabilities_follow_the_spec(pool, expected):
    assert _leaf_probabilities(pool) == expected


def test_sampler_classes():
    # Each pool position holds the sampler of the class the spec lists there.
    classes = [dsl.SubStr, dsl.GetSpan, dsl.GetToken, dsl.GetUpto, dsl.GetFrom]
    classes += [dsl.ToCase, dsl.Replace, dsl.Trim, dsl.GetFirst, dsl.GetAll]
    classes += [dsl.Substitute, dsl.SubstituteAll, dsl.Remove, dsl.RemoveAll]
    draws = Draws(random.Random(4))
    for sampler, cls in zip(SUBSTRINGS + MODIFICATIONS, classes, strict=True):
        seen = None
        while seen is None:
            ctx = TaskContext(*sample_inputs(draws, 4))
            seen = sampler(ctx, draws)
        assert type(seen[0]) is cls
    assert ss.BOUNDARIES == (dsl.Boundary.START, dsl.Boundary.END)
    assert ms.CASES == (dsl.Case.PROPER, dsl.Case.ALL_CAPS, dsl.Case.LOWER)


@pytest.mark.parametrize(
    "sampler", [ss.sample_get_token, ms.sample_get_first, ms.sample_get_all]
)
def test_type_samplers_without_types_raise_like_choice(sampler):
    # The inlined choice must fail like random.choice instead of looping.
    ctx = TaskContext(["a,b"], {",": 1}, {})
    with pytest.raises(IndexError, match="empty sequence"):
        sampler(ctx, Draws(random.Random(0)))
