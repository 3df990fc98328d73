"""Tests for the modification expressions (spec §4, §7.1, §8, §11)."""

import random

import pytest

from exedec_tf.dsl.robustfill import Case, Modification, Substring, Type
from exedec_tf.dsl.robustfill.constants import CHARACTER
from exedec_tf.dsl.robustfill.modifications import (
    GetAll,
    GetFirst,
    Remove,
    RemoveAll,
    Replace,
    Substitute,
    SubstituteAll,
    ToCase,
    Trim,
)

TEXT = "ab 12 cd 345 ef"


def apply(expression, value):
    """Applies both the fast and the literal path and checks that they agree."""
    result = expression(value)
    assert expression._generic(value) == result
    return result


@pytest.mark.parametrize(
    "case, value, expected",
    [
        (Case.PROPER, "hELLO wORLD", "Hello world"),
        (Case.ALL_CAPS, "hELLO wORLD 1.", "HELLO WORLD 1."),
        (Case.LOWER, "hELLO wORLD", "hello world"),
        (Case.PROPER, "", ""),
    ],
)
def test_to_case(case, value, expected):
    assert apply(ToCase(case), value) == expected


def test_replace_replaces_every_occurrence():
    assert apply(Replace(" ", ","), TEXT) == "ab,12,cd,345,ef"
    assert apply(Replace("?", "!"), TEXT) == TEXT
    # Letters are accepted although the generator only uses delimiters.
    assert apply(Replace("a", "z"), "aaa") == "zzz"
    assert apply(Replace("EOS", "."), "xEOSx") == "x.x"


def test_trim():
    assert apply(Trim(), "  a b  ") == "a b"
    assert apply(Trim(), "") == ""


@pytest.mark.parametrize(
    "regex_type, index, expected",
    [
        (Type.WORD, 2, "abcd"),
        # Raw slicing: negative indices drop matches from the end (§11.3).
        (Type.WORD, -1, "abcd"),
        (Type.WORD, -3, ""),
        (Type.WORD, 5, "abcdef"),
        (Type.WORD, 0, ""),
        (Type.NUMBER, 1, "12"),
        (Type.ALL_CAPS, 3, ""),
    ],
)
def test_get_first(regex_type, index, expected):
    assert apply(GetFirst(regex_type, index), TEXT) == expected


def test_get_all():
    assert apply(GetAll(Type.NUMBER), TEXT) == "12345"
    assert apply(GetAll(Type.PROP_CASE), "AbC De") == "AbDe"
    assert apply(GetAll(Type.ALL_CAPS), TEXT) == ""


@pytest.mark.parametrize(
    "args, value, expected",
    [
        ((Type.NUMBER, 2, "#"), "12 x 12", "# x 12"),
        # The first textual occurrence of the selected match (§11.4).
        ((Type.WORD, 2, "#"), "xab ab", "x# ab"),
        ((Type.NUMBER, -1, "#"), TEXT, "ab 12 cd # ef"),
        ((Type.NUMBER, 3, "#"), TEXT, TEXT),
        ((Type.NUMBER, -3, "#"), TEXT, TEXT),
        ((Type.NUMBER, 0, "#"), TEXT, TEXT),
        ((Type.ALL_CAPS, 1, "#"), TEXT, TEXT),
    ],
)
def test_substitute(args, value, expected):
    assert apply(Substitute(*args), value) == expected


def test_remove():
    assert apply(Remove(Type.NUMBER, 2), "12 x 12") == " x 12"
    assert apply(Remove(Type.WORD, 2), "xab ab") == "x ab"
    assert apply(Remove(Type.WORD, -1), TEXT) == "ab 12 cd 345 "
    assert apply(Remove(Type.WORD, 4), TEXT) == TEXT


@pytest.mark.parametrize(
    "args, value, expected",
    [
        ((Type.CHAR, "a"), "ba", "aa"),
        ((Type.NUMBER, "#"), TEXT, "ab # cd # ef"),
        ((Type.DIGIT, "1"), "21", "11"),
        # Sequential first-occurrence replacement differs from a regex
        # substitution for PROP_CASE: the second match "Ba" reappears earlier.
        ((Type.PROP_CASE, "a"), "BBccBBaA", "aBBaA"),
    ],
)
def test_substitute_all(args, value, expected):
    assert apply(SubstituteAll(*args), value) == expected


def test_remove_all():
    assert apply(RemoveAll(Type.WORD), "a ab") == " "
    assert apply(RemoveAll(Type.NUMBER), TEXT) == "ab  cd  ef"


def test_multi_character_replacement_keeps_the_sequential_loop():
    # 'EOS' can be swallowed as a character argument by the decoder.
    assert apply(SubstituteAll(Type.LOWER, "EOS"), "a b") == "EOS EOS"
    assert apply(SubstituteAll(Type.ALL_CAPS, "Ab"), "A.B.A") == "Abb.Ab.A"


def _random_type(rng):
    return rng.choice(list(Type))


def test_fast_paths_match_the_literal_semantics_on_random_cases():
    rng = random.Random(4321)
    alphabet = "aAbBcC12 .("
    chars = list(CHARACTER[:4]) + ["A", "B", "1", " ", ".", "", "EOS", "aB"]
    for _ in range(20000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        index = rng.choice([-5, -2, -1, 0, 1, 2, 5, rng.randint(-100, 100)])
        char = rng.choice(chars)
        regex_type = _random_type(rng)
        for expression in (
            GetFirst(regex_type, index),
            GetAll(regex_type),
            Substitute(regex_type, index, char),
            SubstituteAll(regex_type, char),
            Remove(regex_type, index),
            RemoveAll(regex_type),
            ToCase(rng.choice(list(Case))),
            Replace(rng.choice(alphabet), char),
        ):
            assert expression._fast
            assert expression(value) == expression._generic(value), (expression, value)


@pytest.mark.parametrize(
    "expression, value, error",
    [
        (ToCase(Type.WORD), TEXT, ValueError),
        (ToCase(3), TEXT, ValueError),
        (Replace(1, "a"), TEXT, TypeError),
        (Replace(" ", Case.LOWER), TEXT, TypeError),
        (GetFirst(Type.WORD, "2"), TEXT, TypeError),
        (GetFirst(" ", 2), TEXT, ValueError),
        (GetAll(1), TEXT, ValueError),
        (Substitute(Type.WORD, Type.WORD, "#"), TEXT, TypeError),
        (Substitute(Type.WORD, 1, 5), TEXT, TypeError),
        (SubstituteAll(Type.WORD, Case.PROPER), TEXT, TypeError),
        (SubstituteAll("a", "#"), TEXT, ValueError),
        (Remove(Type.WORD, "x"), TEXT, TypeError),
        (RemoveAll(2), TEXT, ValueError),
        (ToCase(Case.LOWER), 8, AttributeError),
        (Trim(), 8, AttributeError),
    ],
)
def test_ill_typed_arguments_fail_at_run_time(expression, value, error):
    with pytest.raises(error):
        expression(value)


def test_lazy_failures_only_when_reached():
    # GetFirst's index is only used when there is a match.
    assert apply(GetFirst(Type.ALL_CAPS, "2"), TEXT) == ""
    # A non-string replacement is only used when a replacement happens.
    assert apply(Substitute(Type.ALL_CAPS, 1, 5), TEXT) == TEXT
    assert apply(Substitute(Type.NUMBER, 7, Type.WORD), TEXT) == TEXT
    assert apply(SubstituteAll(Type.ALL_CAPS, 5), TEXT) == TEXT


@pytest.mark.parametrize(
    "expression, text",
    [
        (ToCase(Case.LOWER), "ToCase_Case.LOWER"),
        (Replace(" ", ","), "Replace_ _,"),
        (Trim(), "Trim"),
        (GetFirst(Type.WORD, -2), "GetFirst_Type.WORD_-2"),
        (GetAll(Type.ALL_CAPS), "GetAll_Type.ALL_CAPS"),
        (Substitute(Type.DIGIT, 3, "#"), "Substitute_Type.DIGIT_3_#"),
        (SubstituteAll(Type.LOWER, "."), "SubstituteAll_Type.LOWER_."),
        (Remove(Type.CHAR, 1), "Remove_Type.CHAR_1"),
        (RemoveAll(Type.PROP_CASE), "RemoveAll_Type.PROP_CASE"),
    ],
)
def test_to_string(expression, text):
    assert expression.to_string() == text


def test_to_string_of_non_string_character_fails():
    from exedec_tf.dsl.errors import ParseError

    for expression in (Substitute(Type.WORD, 1, 3), SubstituteAll(Type.WORD, 3)):
        with pytest.raises(ParseError, match="non-string character 3"):
            expression.to_string()
        assert "3" in repr(expression)


def test_modification_membership():
    for cls in (ToCase, Replace, Trim, GetFirst, GetAll):
        assert issubclass(cls, Modification)
        assert not issubclass(cls, Substring)
    for cls in (Substitute, SubstituteAll, Remove, RemoveAll):
        assert issubclass(cls, Modification)
