"""Sampler pools, `random_expression` and the Compose samplers (spec §5.5).

A pool is a tuple whose entries are samplers or nested pools; drawing walks
down with one uniform `choice` per level, so nesting sets the probabilities
(e.g. in ALL each Compose kind has probability 1/4 * 1/2). The tuples mirror
the original's lists entry for entry, because `choice` draws depend on the
length and order of every level.
"""

from exedec_tf.dsl.robustfill import Compose
from exedec_tf.generation.robustfill.context import Sampled, TaskContext
from exedec_tf.generation.robustfill.draws import Draws
from exedec_tf.generation.robustfill.modification_samplers import (
    sample_const,
    sample_get_all,
    sample_get_first,
    sample_remove,
    sample_remove_all,
    sample_replace,
    sample_substitute,
    sample_substitute_all,
    sample_to_case,
    sample_trim,
)
from exedec_tf.generation.robustfill.substring_samplers import (
    sample_get_from,
    sample_get_span,
    sample_get_token,
    sample_get_upto,
    sample_substr,
)
from exedec_tf.generation.robustfill.token_ids import compose_ids

ALL_SUBSTRING = (
    sample_substr,
    sample_get_span,
    sample_get_token,
    sample_get_upto,
    sample_get_from,
)

ALL_MODIFICATION = (
    sample_to_case,
    sample_replace,
    sample_trim,
    sample_get_first,
    sample_get_all,
    sample_substitute,
    sample_substitute_all,
    sample_remove,
    sample_remove_all,
)


def random_expression(ctx: TaskContext, draws: Draws, pool: tuple) -> Sampled:
    """Draws a sampler from `pool` (one choice per nesting level) and runs it.

    A sampler that finds no valid expression returns None; then the walk
    restarts from the top of `pool`.
    """
    getrandbits = draws.getrandbits
    while True:
        sampler = pool
        while type(sampler) is tuple:
            # choice(sampler): the stdlib rejection loop, inlined (this runs
            # once or twice per expression).
            n = len(sampler)
            bits = n.bit_length()
            r = getrandbits(bits)
            while r >= n:
                r = getrandbits(bits)
            sampler = sampler[r]
        sampled = sampler(ctx, draws)
        if sampled is not None:
            return sampled


def _compose(ctx: TaskContext, draws: Draws, inner_pool: tuple) -> Sampled:
    # Outer then inner, both from their full pools, redrawn together until the
    # composition is non-empty on every input.
    while True:
        outer = random_expression(ctx, draws, ALL_MODIFICATION)
        inner = random_expression(ctx, draws, inner_pool)
        if all(ctx.composed_outputs(outer, inner)):
            ids = compose_ids(outer[1], inner[1])
            return ctx.make(ids, Compose, outer[0], inner[0])


def sample_compose_modification(ctx: TaskContext, draws: Draws) -> Sampled:
    """Compose(modification, modification), redrawn until non-empty."""
    return _compose(ctx, draws, ALL_MODIFICATION)


def sample_compose_substring(ctx: TaskContext, draws: Draws) -> Sampled:
    """Compose(modification, substring), redrawn until non-empty."""
    return _compose(ctx, draws, ALL_SUBSTRING)


SAMPLER_POOL_ALL = (
    ALL_SUBSTRING,
    ALL_MODIFICATION,
    (sample_compose_modification, sample_compose_substring),
    sample_const,
)

SAMPLER_POOL_NO_COMPOSE = (ALL_SUBSTRING, ALL_MODIFICATION, sample_const)

SAMPLER_POOL_NO_COMPOSE_SUBSTRING = (
    ALL_SUBSTRING,
    ALL_MODIFICATION,
    sample_compose_modification,
    sample_const,
)

SAMPLER_POOL_ONLY_COMPOSE = (sample_compose_modification, sample_compose_substring)

# Flat: each modification and ConstStr with probability 1/10.
SAMPLER_POOL_MODIFY_OR_CONST = (*ALL_MODIFICATION, sample_const)

# COMPOSE_DIFFERENT_CONCEPTS test: a Substring or a Modification/ConstStr, 1/2
# each, then uniform within.
SAMPLER_POOL_SUBSTRING_OR_MODIFY = (ALL_SUBSTRING, SAMPLER_POOL_MODIFY_OR_CONST)
