"""Tests for exedec_tf.dsl.deepcoder.variables."""

import pytest

from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.variables import (
    all_variables,
    canonical_variable_set,
    check_variable_token,
    is_variable_token,
    variable_index_from_token,
    variable_token,
)
from exedec_tf.dsl.errors import ParseError


def test_variable_token():
    assert variable_token(3) == "x3"


def test_all_variables():
    assert all_variables() == tuple(f"x{i}" for i in range(10))
    assert all_variables(DeepCoderConfig(num_variables=3)) == ("x0", "x1", "x2")
    assert canonical_variable_set() == frozenset(all_variables())


@pytest.mark.parametrize(
    ("token", "index"), [("x0", 0), ("x3", 3), ("x9", 9), ("x01", 1), ("x007", 7)]
)
def test_index_from_token(token, index):
    assert variable_index_from_token(token) == index
    check_variable_token(token)
    assert is_variable_token(token)


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("x10", "out-of-bounds"),
        ("x100", "out-of-bounds"),
        ("y1", "invalid"),
        ("xx1", "invalid"),
        ("x", "invalid"),
        ("x-1", "invalid"),
        ("", "invalid"),
        ("x1 ", "invalid"),
    ],
)
def test_bad_tokens_raise_parse_error_naming_them(token, message):
    with pytest.raises(ParseError, match=message) as info:
        variable_index_from_token(token)
    assert repr(token) in str(info.value)
    with pytest.raises(ParseError):
        check_variable_token(token)
    assert not is_variable_token(token)


def test_num_variables_bounds_the_index():
    config = DeepCoderConfig(num_variables=3)
    assert variable_index_from_token("x2", config) == 2
    with pytest.raises(ParseError, match="out-of-bounds"):
        variable_index_from_token("x3", config)
    with pytest.raises(ParseError):
        check_variable_token("x3", config)
    wide = DeepCoderConfig(num_variables=12)
    assert is_variable_token("x11", wide)
