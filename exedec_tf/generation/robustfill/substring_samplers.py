"""Samplers of the Substring expressions (splits spec §5.5).

Each sampler takes the task context and the draws, and returns a `Sampled`
(expression, ids) whose output is non-empty on every input; it redraws all of
its arguments until that holds, so the draws of rejected candidates count.
Emptiness is decided from the context's match caches (closed forms at each
sampler and in `context`), not by evaluating candidates.
"""

from exedec_tf.dsl.robustfill import (
    Boundary,
    GetFrom,
    GetSpan,
    GetToken,
    GetUpto,
    SubStr,
)
from exedec_tf.generation.robustfill.context import (
    RegexArg,
    Sampled,
    TaskContext,
    span_nonempty,
)
from exedec_tf.generation.robustfill.draws import Draws
from exedec_tf.generation.robustfill.token_ids import BOUNDARY_IDS, CLASS, INT

BOUNDARIES = tuple(Boundary)

_SUBSTR = CLASS[SubStr]
_GET_SPAN = CLASS[GetSpan]
_GET_TOKEN = CLASS[GetToken]
_GET_UPTO = CLASS[GetUpto]
_GET_FROM = CLASS[GetFrom]


def sample_substr(ctx: TaskContext, draws: Draws) -> Sampled:
    """SubStr(p1, p2) with -m < p1 <= m (m = shortest input) and p2 after p1.

    Draws p1, then p2 in [p1, m] if p1 > 0 else in [p1, 0]. Within these
    ranges the output is non-empty on every input exactly when p1 < p2 (equal
    positions give '', distinct ones at least two characters), so candidates
    need no evaluation.
    """
    m = ctx.min_length
    # randint(a, b) is a + below(b - a + 1), the rejection loop inlined.
    getrandbits = draws.getrandbits
    first_bits = (2 * m).bit_length()
    while True:
        p1 = getrandbits(first_bits)
        while p1 >= 2 * m:
            p1 = getrandbits(first_bits)
        p1 += 1 - m
        n = m - p1 + 1 if p1 > 0 else 1 - p1
        bits = n.bit_length()
        p2 = getrandbits(bits)
        while p2 >= n:
            p2 = getrandbits(bits)
        p2 += p1
        if p1 < p2:
            return ctx.make(f"{_SUBSTR} {INT[p1]} {INT[p2]}", SubStr, p1, p2)


def sample_get_span(ctx: TaskContext, draws: Draws) -> Sampled:
    """GetSpan(r1, i1, b1, r2, i2, b2), redrawn until non-empty.

    RNG order per attempt: two coins in {1, 2}; r1 and i1 (a delimiter and an
    index for its count if the first coin is 1, else a Type and an index for
    its count); r2 and i2 likewise with the second coin; b1; b2.
    """
    # Most attempts fail, so this loop dominates GetSpan's cost: its eight
    # draws are the stdlib rejection loops on getrandbits, inlined.
    getrandbits = draws.getrandbits
    delimiters, types = ctx.delimiters, ctx.types
    num_delimiters, num_types = len(delimiters), len(types)
    delimiter_bits, type_bits = num_delimiters.bit_length(), num_types.bit_length()
    while True:
        # Coins: randint(1, 2) == 1 is a 2-bit draw below 2 equal to 0.
        first = getrandbits(2)
        while first >= 2:
            first = getrandbits(2)
        second = getrandbits(2)
        while second >= 2:
            second = getrandbits(2)
        if num_delimiters and first == 0:
            j = getrandbits(delimiter_bits)
            while j >= num_delimiters:
                j = getrandbits(delimiter_bits)
            r1 = delimiters[j]
        else:
            j = getrandbits(type_bits)
            while j >= num_types:
                j = getrandbits(type_bits)
            r1 = types[j]
        indices, n, bits = r1.index_draw
        j = getrandbits(bits)
        while j >= n:
            j = getrandbits(bits)
        i1 = indices[j]
        if num_delimiters and second == 0:
            j = getrandbits(delimiter_bits)
            while j >= num_delimiters:
                j = getrandbits(delimiter_bits)
            r2 = delimiters[j]
        else:
            j = getrandbits(type_bits)
            while j >= num_types:
                j = getrandbits(type_bits)
            r2 = types[j]
        indices, n, bits = r2.index_draw
        j = getrandbits(bits)
        while j >= n:
            j = getrandbits(bits)
        i2 = indices[j]
        b1 = getrandbits(2)
        while b1 >= 2:
            b1 = getrandbits(2)
        b2 = getrandbits(2)
        while b2 >= 2:
            b2 = getrandbits(2)
        # BOUNDARIES[0] is START.
        if span_nonempty(r1, i1, b1 == 0, r2, i2, b2 == 0):
            ids = (
                f"{_GET_SPAN} {r1.ids} {INT[i1]} {BOUNDARY_IDS[b1]} "
                f"{r2.ids} {INT[i2]} {BOUNDARY_IDS[b2]}"
            )
            args = (r1.token, i1, BOUNDARIES[b1], r2.token, i2, BOUNDARIES[b2])
            return ctx.make(ids, GetSpan, *args)


def sample_get_token(ctx: TaskContext, draws: Draws) -> Sampled:
    """GetToken(t, i), redrawn until non-empty.

    The i-th match exists (and is non-empty) exactly when |i| is at most the
    number of matches, so the test is |i| <= the fewest matches in any input.
    """
    # choice(types), then choice(t's indices): rejection loops inlined.
    getrandbits = draws.getrandbits
    types = ctx.types
    num_types = len(types)
    if not num_types:
        raise IndexError("cannot choose from an empty sequence")
    type_bits = num_types.bit_length()
    while True:
        j = getrandbits(type_bits)
        while j >= num_types:
            j = getrandbits(type_bits)
        t = types[j]
        indices, n, bits = t.index_draw
        j = getrandbits(bits)
        while j >= n:
            j = getrandbits(bits)
        i = indices[j]
        if abs(i) <= t.min_count():
            return ctx.make(f"{_GET_TOKEN} {t.ids} {INT[i]}", GetToken, t.token, i)


def _upto_or_from_regex(ctx: TaskContext, draws: Draws) -> RegexArg:
    # The coin (randint(1, 2), 1 being below(2) == 0) is drawn even when
    # there are no delimiters, as in the original.
    coin = draws.below(2)
    if ctx.delimiters and coin == 0:
        return draws.choice(ctx.delimiters)
    return draws.choice(ctx.types)


def sample_get_upto(ctx: TaskContext, draws: Draws) -> Sampled:
    """GetUpto(r) (coin, then delimiter or Type), redrawn until non-empty.

    The output ends with the first match, so it is non-empty iff r matches.
    """
    while True:
        regex = _upto_or_from_regex(ctx, draws)
        if regex.min_count() >= 1:
            return ctx.make(f"{_GET_UPTO} {regex.ids}", GetUpto, regex.token)


def sample_get_from(ctx: TaskContext, draws: Draws) -> Sampled:
    """GetFrom(r) (coin, then delimiter or Type), redrawn until non-empty."""
    while True:
        regex = _upto_or_from_regex(ctx, draws)
        if regex.from_nonempty():
            return ctx.make(f"{_GET_FROM} {regex.ids}", GetFrom, regex.token)
