"""Tests for SubStr, GetSpan, GetToken, GetUpto and GetFrom (spec §4, §7.1, §8)."""

import random

import pytest

from exedec_tf.dsl.robustfill import Boundary, Case, Type
from exedec_tf.dsl.robustfill.constants import DELIMITER
from exedec_tf.dsl.robustfill.substrings import (
    GetFrom,
    GetSpan,
    GetToken,
    GetUpto,
    SubStr,
)

TEXT = "ab 12 cd 345 ef"
START, END = Boundary.START, Boundary.END


def apply(expression, value):
    """Applies both the fast and the literal path and checks that they agree."""
    result = expression(value)
    assert expression._generic(value) == result
    return result


@pytest.mark.parametrize(
    "pos1, pos2, expected",
    [
        (1, 1, ""),
        (2, 2, ""),
        (-1, -1, ""),
        (1, 2, "ab"),
        (5, 6, "ef"),
        (1, 7, "abcdef"),
        (-3, 0, "def"),
        (-3, -1, "def"),
        (-10, -1, "cdef"),
        (-10, -8, "cde"),
        (0, 3, ""),
        (0, 0, ""),
        (50, 60, ""),
        (3, -2, "cde"),
        (2, 1, ""),
        (4, -100, ""),
        (-100, 100, "abcdef"),
        (-6, 6, "abcdef"),
        (100, -1, ""),
        (-7, -7, ""),
        (-8, -6, ""),
        (-10, -9, "cd"),
    ],
)
def test_substr(pos1, pos2, expected):
    assert apply(SubStr(pos1, pos2), "abcdef") == expected


@pytest.mark.parametrize("value", ["", "a", "ab", "abcdefghijklmnopqrstu"])
def test_substr_fast_matches_literal_for_all_positions(value):
    for pos1 in range(-25, 26):
        for pos2 in range(-25, 26):
            apply(SubStr(pos1, pos2), value)


@pytest.mark.parametrize(
    "args, expected",
    [
        ((Type.WORD, 1, START, Type.NUMBER, 2, END), "ab 12 cd 345"),
        ((Type.WORD, 5, START, Type.NUMBER, 2, END), " 12 cd 345"),
        ((" ", 1, END, " ", -1, START), "12 cd 345"),
        ((Type.ALL_CAPS, 1, START, Type.WORD, 1, END), ""),
        ((Type.WORD, -1, START, Type.WORD, 1, END), ""),
        ((Type.WORD, -5, START, Type.WORD, -5, END), ""),
        ((Type.WORD, -5, START, Type.NUMBER, 1, END), "ab 12"),
        ((Type.NUMBER, 0, START, Type.WORD, -1, END), "b 12 cd 345 ef"),
        ((" ", 0, END, " ", -1, END), "12 cd 345 "),
        ((" ", 7, END, " ", 1, START), ""),
    ],
)
def test_get_span(args, expected):
    assert apply(GetSpan(*args), TEXT) == expected


@pytest.mark.parametrize(
    "regex_type, index, expected",
    [
        (Type.NUMBER, -1, "345"),
        (Type.NUMBER, 3, ""),
        (Type.NUMBER, 0, ""),
        (Type.NUMBER, 1, "12"),
        (Type.WORD, 2, "cd"),
        (Type.WORD, -3, "ab"),
        (Type.WORD, -4, ""),
        (Type.ALL_CAPS, 1, ""),
        (Type.CHAR, -1, "f"),
        (Type.DIGIT, 4, "4"),
    ],
)
def test_get_token(regex_type, index, expected):
    assert apply(GetToken(regex_type, index), TEXT) == expected


def test_get_token_prop_case():
    assert apply(GetToken(Type.PROP_CASE, -1), "ABcd Ef GH") == "Ef"
    assert apply(GetToken(Type.PROP_CASE, 1), "ABcd Ef GH") == "Bcd"


def test_get_upto_and_get_from():
    assert apply(GetUpto(Type.NUMBER), TEXT) == "ab 12"
    # Quirk: GetFrom starts after the end of the first match.
    assert apply(GetFrom(Type.NUMBER), TEXT) == " cd 345 ef"
    assert apply(GetUpto(" "), TEXT) == "ab "
    assert apply(GetFrom(" "), TEXT) == "12 cd 345 ef"
    for expression in (GetUpto("?"), GetFrom("?"), GetUpto(Type.ALL_CAPS)):
        assert apply(expression, TEXT) == ""
    assert apply(GetFrom(Type.ALL_CAPS), TEXT) == ""


def _random_regex_arg(rng):
    return rng.choice(list(Type)) if rng.random() < 0.6 else rng.choice(DELIMITER)


def _random_index(rng):
    return rng.choice([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, rng.randint(-100, 100)])


def test_fast_paths_match_the_literal_semantics_on_random_cases():
    rng = random.Random(1234)
    alphabet = "aAbBzZ019 .,()&"
    for _ in range(20000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        r1, r2 = _random_regex_arg(rng), _random_regex_arg(rng)
        i1, i2 = _random_index(rng), _random_index(rng)
        b1, b2 = rng.choice(list(Boundary)), rng.choice(list(Boundary))
        for expression in (
            GetSpan(r1, i1, b1, r2, i2, b2),
            GetToken(rng.choice(list(Type)), i1),
            GetUpto(r1),
            GetFrom(r2),
        ):
            assert expression._fast
            assert expression(value) == expression._generic(value), (expression, value)


@pytest.mark.parametrize(
    "expression, error",
    [
        (SubStr("1", 2), TypeError),
        (SubStr(1, Type.WORD), TypeError),
        (GetSpan("a", 1, START, Type.WORD, 1, END), AssertionError),
        (GetSpan(Type.WORD, 1, START, 5, 1, END), TypeError),
        (GetSpan(Type.WORD, "x", START, Type.WORD, 1, END), TypeError),
        (GetSpan(Case.PROPER, 1, START, Type.WORD, 1, END), TypeError),
        # The index is normalised before the emptiness check.
        (GetSpan(Type.ALL_CAPS, Type.WORD, START, Type.WORD, 1, END), TypeError),
        (GetToken(" ", 1), ValueError),
        (GetToken(Type.ALL_CAPS, "1"), TypeError),
        (GetUpto("a"), AssertionError),
        (GetUpto("BOS"), AssertionError),
        (GetFrom(3), TypeError),
        (GetFrom(Boundary.END), TypeError),
    ],
)
def test_ill_typed_arguments_fail_at_run_time(expression, error):
    assert not expression._fast
    with pytest.raises(error):
        expression(TEXT)


def test_ill_typed_bounds_never_fail():
    expression = GetSpan(Type.WORD, 1, "EOS", Type.WORD, 2, 7)
    assert expression._fast
    assert apply(expression, TEXT) == " 12 cd"


def test_positive_substr_never_looks_at_the_value():
    # p1 >= p2 > 0 returns '' before len() is needed, even for a non-string.
    assert SubStr(3, 1)(8) == ""
    with pytest.raises(TypeError):
        SubStr(1, 3)(8)


@pytest.mark.parametrize("expression", [GetToken(Type.WORD, 1), GetUpto(" ")])
def test_non_string_values_fail(expression):
    with pytest.raises(TypeError):
        expression(8)


@pytest.mark.parametrize(
    "expression, text",
    [
        (SubStr(-3, 4), "SubStr(-3, 4)"),
        (
            GetSpan(",", 1, START, Type.WORD, -2, END),
            "GetSpan(,, 1, Boundary.START, Type.WORD, -2, Boundary.END)",
        ),
        (GetToken(Type.NUMBER, -1), "GetToken_Type.NUMBER_-1"),
        (GetUpto("("), "GetUpto_("),
        (GetFrom(Type.CHAR), "GetFrom_Type.CHAR"),
    ],
)
def test_to_string(expression, text):
    assert expression.to_string() == text
    assert repr(expression) == text


def test_substring_membership():
    from exedec_tf.dsl.robustfill import Modification, Substring

    for cls in (SubStr, GetSpan, GetToken, GetUpto, GetFrom):
        assert issubclass(cls, Substring)
        assert not issubclass(cls, Modification)
