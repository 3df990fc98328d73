"""Tests for the RobustFill alphabet, enumerations and regexes (spec §1, §2)."""

import re
import string

import pytest

from exedec_tf.dsl.robustfill import constants as c


def test_ranges():
    assert c.POSITION == (-100, 100)
    assert c.INDEX == (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)
    assert 0 not in c.INDEX


def test_delimiters_in_order():
    assert list(c.DELIMITER) == [
        "&", ",", ".", "?", "!", "@", "(", ")", "[", "]", "%",
        "{", "}", "/", ":", ";", "$", "#", '"', "'", " ",
    ]  # fmt: skip


def test_character_set():
    assert len(c.CHARACTER) == 83
    assert c.CHARACTER == (
        string.ascii_lowercase + string.ascii_uppercase + string.digits + c.DELIMITER
    )
    assert len(set(c.CHARACTER)) == 83


def test_bos_eos():
    assert (c.BOS, c.EOS) == ("BOS", "EOS")


@pytest.mark.parametrize(
    "enum_class, members",
    [
        (
            c.Type,
            "NUMBER WORD ALPHANUM ALL_CAPS PROP_CASE LOWER DIGIT CHAR",
        ),
        (c.Case, "PROPER ALL_CAPS LOWER"),
        (c.Boundary, "START END"),
    ],
)
def test_enum_values_and_printing(enum_class, members):
    names = members.split()
    assert [m.name for m in enum_class] == names
    assert [m.value for m in enum_class] == list(range(1, len(names) + 1))
    for member in enum_class:
        assert str(member) == f"{enum_class.__name__}.{member.name}"


def test_enum_members_are_distinct_from_ints_and_each_other():
    assert c.Type.NUMBER != 1
    assert c.Type.NUMBER != c.Case.PROPER
    assert c.Case.ALL_CAPS != c.Type.ALL_CAPS
    assert c.Boundary.START != c.Type.NUMBER


@pytest.mark.parametrize(
    "member, regex",
    [
        (c.Type.NUMBER, "[0-9]+"),
        (c.Type.WORD, "[A-Za-z]+"),
        (c.Type.ALPHANUM, "[A-Za-z0-9]+"),
        (c.Type.ALL_CAPS, "[A-Z]+"),
        (c.Type.PROP_CASE, "[A-Z][a-z]+"),
        (c.Type.LOWER, "[a-z]+"),
        (c.Type.DIGIT, "[0-9]"),
    ],
)
def test_type_regexes(member, regex):
    assert c.TYPE_REGEX[member] == regex
    assert c.TYPE_PATTERN[member].pattern == regex


def test_char_regex_matches_exactly_the_alphabet():
    pattern = c.TYPE_PATTERN[c.Type.CHAR]
    assert pattern.findall(c.CHARACTER) == list(c.CHARACTER)
    for other in "\t\n|\\-_+=~`^*<>é":
        assert pattern.fullmatch(other) is None, other


def test_prop_case_needs_two_chars():
    assert c.TYPE_PATTERN[c.Type.PROP_CASE].findall("ABcd A Xy") == ["Bcd", "Xy"]


def test_delimiter_regex():
    for d in c.DELIMITER:
        assert c.delimiter_regex(d) == "[" + re.escape(d) + "]"
        assert c.DELIMITER_PATTERN[d].findall("a" + d + "b" + d) == [d, d]
