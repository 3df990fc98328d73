"""The context's closed-form emptiness tests against evaluation by the DSL.

Samplers accept a candidate exactly when the original's evaluation found it
non-empty on every input, so each closed form must agree with evaluation for
every argument, on sampled inputs and on hand-made edge cases.
"""

import itertools
import random

import pytest

from exedec_tf.dsl import robustfill as dsl
from exedec_tf.generation.robustfill.context import (
    RegexArg,
    TaskContext,
    indices_for_count,
    span_nonempty,
)
from exedec_tf.generation.robustfill.draws import Draws
from exedec_tf.generation.robustfill.inputs import sample_inputs

EDGE_INPUTS = [
    ("   ", "a b"),  # Trim empties the first
    ("Abc", "xAbc"),  # a whole PROP_CASE match
    ("123", "1 23"),  # a whole NUMBER match; DIGIT matches
    ("AbAbc", "AbcAb"),  # PROP_CASE matches covering the input
    ("ab,cd", ",,", ","),  # delimiters only / at the end
    ("a\tb", "A1"),  # a character outside the alphabet
    ("ABcd", "x"),
]


def _full_context(values) -> TaskContext:
    # Every delimiter and Type with count 5, so every INDEX member is allowed.
    return TaskContext(
        list(values), {d: 5 for d in dsl.DELIMITER}, {t: 5 for t in dsl.Type}
    )


def _input_sets():
    draws = Draws(random.Random(0))
    return EDGE_INPUTS + [tuple(sample_inputs(draws, 4)[0]) for _ in range(40)]


# Each test builds fresh contexts, so every cache is filled by the code path
# under test (e.g. counts with and without spans computed first).
INPUT_SETS = _input_sets()


def _nonempty(expression, values) -> bool:
    return all(expression(v) for v in values)


def _regex_args(ctx):
    return ctx.delimiters + ctx.types


@pytest.mark.parametrize("values", INPUT_SETS)
def test_spans_are_the_regex_matches(values):
    ctx = _full_context(values)
    for r in _regex_args(ctx):
        pattern = (
            dsl.TYPE_PATTERN[r.token]
            if isinstance(r.token, dsl.Type)
            else dsl.DELIMITER_PATTERN[r.token]
        )
        want = tuple([m.span() for m in pattern.finditer(v)] for v in ctx.inputs)
        assert r.spans() == want, r.token
        assert r.min_count() == min(map(len, want))


@pytest.mark.parametrize("values", INPUT_SETS)
def test_counts_with_and_without_spans(values):
    ctx = _full_context(values)
    # min_count of a delimiter may be computed without spans; same value.
    fresh = RegexArg(",", 3, ctx.inputs)
    assert fresh.min_count() == min(v.count(",") for v in ctx.inputs)
    for t in dsl.Type:
        counted, listed = RegexArg(t, 3, ctx.inputs), RegexArg(t, 3, ctx.inputs)
        listed.spans()
        assert counted.min_count() == listed.min_count()


@pytest.mark.parametrize("values", INPUT_SETS)
def test_get_span_closed_form(values):
    ctx = _full_context(values)
    rng = random.Random(len(ctx.inputs[0]))
    args = _regex_args(ctx)
    for _ in range(400):
        r1, r2 = rng.choice(args), rng.choice(args)
        i1, i2 = rng.choice(dsl.INDEX), rng.choice(dsl.INDEX)
        b1, b2 = rng.choice(list(dsl.Boundary)), rng.choice(list(dsl.Boundary))
        expression = dsl.GetSpan(r1.token, i1, b1, r2.token, i2, b2)
        got = span_nonempty(
            r1, i1, b1 is dsl.Boundary.START, r2, i2, b2 is dsl.Boundary.START
        )
        assert got == _nonempty(expression, ctx.inputs), expression


@pytest.mark.parametrize("values", INPUT_SETS)
def test_type_closed_forms(values):
    ctx = _full_context(values)
    for t, i in itertools.product(ctx.types, dsl.INDEX):
        token = dsl.GetToken(t.token, i)
        assert (abs(i) <= t.min_count()) == _nonempty(token, ctx.inputs), token
        first = dsl.GetFirst(t.token, i)
        need = 1 if i > 0 else 1 - i
        assert (t.min_count() >= need) == _nonempty(first, ctx.inputs), first
        remove = dsl.Remove(t.token, i)
        got = not (abs(i) == 1 and t.whole_match())
        assert got == _nonempty(remove, ctx.inputs), remove
    for t in ctx.types:
        assert (t.min_count() >= 1) == _nonempty(dsl.GetAll(t.token), ctx.inputs)
        got = not t.covered()
        assert got == _nonempty(dsl.RemoveAll(t.token), ctx.inputs), t.token


@pytest.mark.parametrize("values", INPUT_SETS)
def test_upto_from_and_trim_closed_forms(values):
    ctx = _full_context(values)
    for r in _regex_args(ctx):
        upto = _nonempty(dsl.GetUpto(r.token), ctx.inputs)
        assert (r.min_count() >= 1) == upto, r.token
        assert r.from_nonempty() == _nonempty(dsl.GetFrom(r.token), ctx.inputs)
    assert ctx.trim_nonempty() == _nonempty(dsl.Trim(), ctx.inputs)


@pytest.mark.parametrize("values", INPUT_SETS)
def test_substr_closed_form(values):
    ctx = _full_context(values)
    m = ctx.min_length
    for p1 in range(-m + 1, m + 1):
        for p2 in range(p1, m + 1) if p1 > 0 else range(p1, 1):
            expression = dsl.SubStr(p1, p2)
            assert (p1 < p2) == _nonempty(expression, ctx.inputs), expression


def test_indices_for_count():
    assert indices_for_count(1) == (-1, 1)
    assert indices_for_count(3) == (-3, -2, -1, 1, 2, 3)
    assert indices_for_count(5) == indices_for_count(20) == dsl.INDEX
    with pytest.raises(ValueError, match="positive"):
        RegexArg(",", 0, ("a",))


def test_counters_become_records_in_order():
    ctx = TaskContext(["a,b"], {",": 2, " ": 1}, {dsl.Type.WORD: 3, dsl.Type.CHAR: 3})
    assert [d.token for d in ctx.delimiters] == [",", " "]
    assert [t.token for t in ctx.types] == [dsl.Type.WORD, dsl.Type.CHAR]
    assert ctx.delimiters[0].indices == (-2, -1, 1, 2)
    assert ctx.delimiters[0].ids == str(dsl.program_token_id(","))
    assert ctx.types[0].ids == str(dsl.program_token_id(dsl.Type.WORD))
    assert ctx.min_length == 3


def test_outputs_and_compositions_are_memoised():
    ctx = TaskContext(["ab cd", "Ef"], {" ": 1}, {dsl.Type.WORD: 2})
    upper = ctx.make("8 111", dsl.ToCase, dsl.Case.ALL_CAPS)
    word = ctx.make("7 103 216", dsl.GetToken, dsl.Type.WORD, 1)
    assert ctx.make("8 111", dsl.ToCase, dsl.Case.ALL_CAPS)[0] is upper[0]
    assert ctx.outputs(word) == ("ab", "Ef")
    assert ctx.composed_outputs(upper, word) == ("AB", "EF")
    assert ctx.outputs((None, "3 8 111 7 103 216")) == ("AB", "EF")
