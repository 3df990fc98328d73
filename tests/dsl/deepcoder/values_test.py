"""Tests for exedec_tf.dsl.deepcoder.values."""

import pytest

from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.values import (
    format_value,
    is_valid_value,
    parse_value,
    value_tokens,
)
from exedec_tf.dsl.errors import InternalError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, True),
        (0, True),
        (50, True),
        (-50, True),
        (51, False),
        (-51, False),
        (3000, False),
        ([1, 4, 2], True),
        ([], True),
        ([50, -50], True),
        ([1, 4000, 2], False),
        ([1, -51], False),
        (list(range(-50, 51)) * 3, True),  # No length limit on values.
        (None, False),
        (True, False),  # bool is not an int here.
        (False, False),
        ([True], False),
        ([1, False], False),
        ([[1]], False),
        ((1, 2), False),
        (1.0, False),
        ([1.0], False),
        ("1", False),
        (lambda x: x, False),
    ],
)
def test_is_valid_value(value, expected):
    assert is_valid_value(value) is expected


def test_is_valid_value_uses_config_range():
    config = DeepCoderConfig(max_int=255)
    assert is_valid_value(255, config)
    assert is_valid_value([-255, 100], config)
    assert not is_valid_value(256, config)
    assert not is_valid_value([-256], config)
    zero = DeepCoderConfig(max_int=0)
    assert is_valid_value([0, 0], zero)
    assert not is_valid_value(1, zero)


@pytest.mark.parametrize(
    ("value", "tokens"),
    [
        (7, ["7"]),
        (-3, ["-3"]),
        ([4], ["[", "4", "]"]),
        ([4, 2, 5], ["[", "4", "2", "5", "]"]),
        ([], ["[", "]"]),
        ([[1], []], ["[", "[", "1", "]", "[", "]", "]"]),
        (True, ["True"]),  # Never happens for valid values.
    ],
)
def test_value_tokens(value, tokens):
    assert value_tokens(value) == tokens
    assert format_value(value) == " ".join(tokens)


@pytest.mark.parametrize("value", [None, [3, 5, None, 2], "a", 1.5, (1, 2)])
def test_tokenizing_a_non_value_raises_internal_error(value):
    with pytest.raises(InternalError, match="non-value"):
        value_tokens(value)
    with pytest.raises(InternalError):
        format_value(value)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (7, "7"),
        (-3, "-3"),
        (0, "0"),
        ([4, 2, 5], "[ 4 2 5 ]"),
        ([], "[ ]"),
        ([-50, 0, 50], "[ -50 0 50 ]"),
        ([True, 1], "[ True 1 ]"),
    ],
)
def test_format_value(value, text):
    assert format_value(value) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7),
        ("-3", -3),
        ("0", 0),
        ("[ 6 7 8 ]", [6, 7, 8]),
        ("[1 -2]", [1, -2]),
        ("[ -1 -2 ]", [-1, -2]),
        ("[1   2]", [1, 2]),
        ("[ ]", []),
        ("[]", []),
        ("[   ]", []),
        ("[ 1, 2 ]", [1, 2]),  # Python list literals are accepted too.
        ("[1,2]", [1, 2]),
        ("1 2", (1, 2)),  # A tuple, later judged invalid.
        ("1.5", 1.5),
        ("True", True),
        ("None", None),
        ("- 5", -5),
        ("00", 0),  # Python accepts all-zero literals with leading zeros...
        ("1_0", 10),
        ("[ 999 ]", [999]),  # Range is not checked by the parser.
        ("[ [ 1 ] ]", [[1]]),
    ],
)
def test_parse_value(text, expected):
    result = parse_value(text)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    "text",
    [
        "01",  # ...but no other leading zeros.
        "[ 01 ]",
        "",
        "foo",
        "[ 1 2",
        "[ 1\t2 ]",  # Only runs of spaces get commas.
        "x0",
        "[ - ]",
    ],
)
def test_unparseable_values_give_none(text):
    assert parse_value(text) is None


def test_exotic_literal_type_error_propagates():
    # The literal evaluator's TypeError (unhashable key) is not caught.
    with pytest.raises(TypeError):
        parse_value("{[1]: 2}")


@pytest.mark.parametrize(
    "value", [0, 5, -5, -50, 50, 12345, [], [0], [1, -2, 3], [-50, 50, 0, 7, -7]]
)
def test_round_trip(value):
    assert parse_value(format_value(value)) == value
