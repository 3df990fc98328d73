"""Tests for regex-argument resolution and GetSpan's `pos` (spec §2.1, §4, §7.1)."""

import pytest

from exedec_tf.dsl.robustfill import matching
from exedec_tf.dsl.robustfill.constants import (
    DELIMITER_PATTERN,
    TYPE_PATTERN,
    Boundary,
    Case,
    Type,
)
from exedec_tf.dsl.robustfill.substrings import GetSpan

TEXT = "ab 12 cd 345 ef"


def test_type_pattern():
    assert matching.type_pattern(Type.WORD) is TYPE_PATTERN[Type.WORD]


@pytest.mark.parametrize("token", [1, "a", ".", Case.PROPER, Boundary.START, GetSpan])
def test_type_pattern_rejects_non_types(token):
    with pytest.raises(ValueError, match="unsupported type"):
        matching.type_pattern(token)


def test_regex_pattern_valid():
    assert matching.regex_pattern(Type.DIGIT) is TYPE_PATTERN[Type.DIGIT]
    assert matching.regex_pattern(" ") is DELIMITER_PATTERN[" "]


@pytest.mark.parametrize("token", ["a", "Z", "7", "BOS", "EOS", "|"])
def test_regex_pattern_strings_fail_the_assertion(token):
    with pytest.raises(AssertionError, match="neither a Type nor a single delimiter"):
        matching.regex_pattern(token)


@pytest.mark.parametrize("token", [3, -1, Case.LOWER, Boundary.END, GetSpan])
def test_regex_pattern_other_tokens_raise_type_error(token):
    with pytest.raises(TypeError):
        matching.regex_pattern(token)


def test_is_regex_arg():
    assert matching.is_regex_arg(Type.CHAR)
    assert matching.is_regex_arg("&")
    assert not matching.is_regex_arg("a")
    assert not matching.is_regex_arg("&&")
    assert not matching.is_regex_arg(1)
    assert not matching.is_regex_arg(Case.PROPER)


@pytest.mark.parametrize(
    "index, count, expected", [(1, 3, 0), (3, 3, 2), (-1, 3, 2), (-3, 3, 0), (0, 3, 3)]
)
def test_normalize_index(index, count, expected):
    assert matching.normalize_index(index, count) == expected


def test_normalize_index_non_int():
    with pytest.raises(TypeError):
        matching.normalize_index("1", 3)


@pytest.mark.parametrize(
    "token, index, bound, expected",
    [
        (Type.WORD, 1, Boundary.START, 0),
        (Type.WORD, 1, Boundary.END, 2),
        (Type.NUMBER, 2, Boundary.END, 12),
        (Type.WORD, -1, Boundary.START, 13),
        # Quirk: too large an index gives the match count minus one.
        (Type.WORD, 5, Boundary.START, 2),
        (Type.WORD, 5, Boundary.END, 2),
        # Too negative an index gives 0.
        (Type.WORD, -5, Boundary.END, 0),
        (Type.ALL_CAPS, 1, Boundary.START, -1),
        (" ", 1, Boundary.END, 3),
        (" ", -1, Boundary.START, 12),
        # Any bound other than START behaves as END.
        (Type.WORD, 1, Case.PROPER, 2),
        (Type.WORD, 1, "x", 2),
    ],
)
def test_span_position(token, index, bound, expected):
    assert matching.span_position(token, index, bound, TEXT) == expected


def test_span_position_checks_the_index_before_emptiness():
    with pytest.raises(TypeError):
        matching.span_position(Type.ALL_CAPS, "1", Boundary.START, TEXT)
