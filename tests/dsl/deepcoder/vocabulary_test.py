"""Tests for exedec_tf.dsl.deepcoder.vocabulary."""

import pytest

from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.vocabulary import (
    BOS,
    BOS_ID,
    EOS,
    EOS_ID,
    PAD,
    PAD_ID,
    SEP,
    SEP_ID,
    get_vocabulary,
    ids_to_program,
    ids_to_spec_str,
    ids_to_tokens,
    program_to_ids,
    spec_str_to_ids,
    tokens_to_ids,
    vocab_size,
    vocab_tables,
)
from exedec_tf.dsl.errors import ParseError, UnknownTokenError

DEFAULT_TABLE = (
    ["", "<BOS>", "<EOS>", "|", "=", "INPUT", "[", "]"]
    + ["Head", "Last", "Take", "Drop", "Access", "Minimum", "Maximum", "Reverse"]
    + ["Sort", "Sum", "Map", "Filter", "Count", "ZipWith", "Scanl1"]
    + ["(+1)", "(-1)", "(*2)", "(/2)", "(*(-1))", "(**2)", "(*3)", "(/3)"]
    + ["(*4)", "(/4)", "(>0)", "(<0)", "(%2==0)", "(%2==1)", "(+)", "(-)"]
    + ["(*)", "(min)", "(max)"]
    + [f"x{i}" for i in range(10)]
    + [str(i) for i in range(-50, 51)]
)


def test_special_ids():
    assert (PAD, BOS, EOS, SEP) == ("", "<BOS>", "<EOS>", "|")
    assert (PAD_ID, BOS_ID, EOS_ID, SEP_ID) == (0, 1, 2, 3)


def test_default_table():
    id_to_token, token_to_id = vocab_tables()
    assert id_to_token == DEFAULT_TABLE
    assert len(id_to_token) == 153 == vocab_size() == len(get_vocabulary())
    assert token_to_id == {token: i for i, token in enumerate(DEFAULT_TABLE)}


@pytest.mark.parametrize(
    ("token", "token_id"),
    [
        ("", 0),
        ("<BOS>", 1),
        ("<EOS>", 2),
        ("|", 3),
        ("=", 4),
        ("INPUT", 5),
        ("[", 6),
        ("]", 7),
        ("Head", 8),
        ("Sum", 17),
        ("Map", 18),
        ("Scanl1", 22),
        ("(+1)", 23),
        ("(*(-1))", 27),
        ("(%2==1)", 36),
        ("(+)", 37),
        ("(max)", 41),
        ("x0", 42),
        ("x9", 51),
        ("-50", 52),
        ("-1", 101),
        ("0", 102),
        ("1", 103),
        ("50", 152),
    ],
)
def test_default_ids(token, token_id):
    _, token_to_id = vocab_tables()
    assert token_to_id[token] == token_id
    assert tokens_to_ids([token]) == [token_id]
    assert ids_to_tokens([token_id]) == [token]


def test_integer_ids_are_offset_by_102():
    for value in range(-50, 51):
        assert tokens_to_ids([str(value)]) == [102 + value]


def test_vocab_tables_returns_copies():
    id_to_token, token_to_id = vocab_tables()
    id_to_token.append("junk")
    token_to_id["junk"] = 999
    assert vocab_tables()[0] == DEFAULT_TABLE
    with pytest.raises(TypeError):
        get_vocabulary().token_to_id["junk"] = 999


def test_non_default_max_int():
    config = DeepCoderConfig(max_int=3)
    id_to_token, token_to_id = vocab_tables(config)
    assert len(id_to_token) == 52 + 7 == vocab_size(config)
    assert id_to_token[:52] == DEFAULT_TABLE[:52]
    assert id_to_token[52:] == ["-3", "-2", "-1", "0", "1", "2", "3"]
    assert token_to_id["0"] == 55
    with pytest.raises(UnknownTokenError, match="'4'"):
        tokens_to_ids(["4"], config)
    big = DeepCoderConfig(max_int=255)
    assert vocab_size(big) == 52 + 511
    assert tokens_to_ids(["255"], big) == [52 + 510]


def test_num_variables_changes_the_variable_block():
    config = DeepCoderConfig(num_variables=3)
    id_to_token, _ = vocab_tables(config)
    assert id_to_token[42:46] == ["x0", "x1", "x2", "-50"]


@pytest.mark.parametrize("token", ["x10", "51", "-51", "foo", " ", "Map "])
def test_unknown_token_error_names_it(token):
    with pytest.raises(UnknownTokenError, match=repr(token)) as info:
        tokens_to_ids(["x0", token])
    # Both a KeyError (as in the original) and a ParseError.
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, ParseError)


@pytest.mark.parametrize("bad_id", [153, 1000, -1, "3"])
def test_unknown_id_error_names_it(bad_id):
    with pytest.raises(UnknownTokenError, match=repr(bad_id)):
        ids_to_tokens([42, bad_id])


def test_spec_strings():
    spec = "x0 = [ ] | x1 = [ 0 ]"
    ids = spec_str_to_ids(spec)
    assert ids == [42, 4, 6, 7, 3, 43, 4, 6, 102, 7]
    assert ids_to_spec_str(ids) == spec
    assert ids_to_spec_str([BOS_ID] + ids + [EOS_ID, 0, 0, -1]) == spec
    assert spec_str_to_ids("[ 5 14 15 ]") == [6, 107, 116, 117, 7]
    assert spec_str_to_ids("") == [0]  # The empty string is the PAD token.
    # A double space yields an empty token, which is PAD.
    assert spec_str_to_ids("x0  = 1") == [42, 0, 4, 103]
    with pytest.raises(UnknownTokenError, match="'51'"):
        spec_str_to_ids("x0 = 51")


def test_program_ids_round_trip():
    text = "x0 = INPUT | x1 = Sort x0"
    ids = program_to_ids(text)
    assert ids == [42, 4, 5, 3, 43, 4, 16, 42, 2]
    assert str(ids_to_program(ids)) == text
    # Padding and EOS anywhere are dropped.
    padded = [0] + ids[:3] + [EOS_ID] + ids[3:] + [0, 0]
    assert str(ids_to_program(padded)) == text


@pytest.mark.parametrize(
    "ids",
    [
        [BOS_ID, 42, 4, 5, 2],  # BOS is kept, so parsing fails.
        [42, 4, 2],
        [],
        [42, 4, 5, 3, 43, 4, 16, 43],  # LHS used as argument.
        [42, 4, 5, 3, 43, 4, 8, 42, 3, 43, 4, 9, 42],  # Duplicate (RunError).
    ],
)
def test_ids_to_program_failures_give_none(ids):
    result = ids_to_program(ids)
    if ids:
        assert result is None
    else:
        assert str(result) == ""  # No lines at all: an empty program.


def test_ids_to_program_unknown_id_raises():
    with pytest.raises(UnknownTokenError, match="153"):
        ids_to_program([42, 4, 5, 153])


def test_numpy_ids():
    np = pytest.importorskip("numpy")
    ids = np.array(program_to_ids("x0 = INPUT | x1 = Sort x0") + [0, 0])
    assert str(ids_to_program(ids)) == "x0 = INPUT | x1 = Sort x0"
    assert ids_to_spec_str(np.array([42, 4, 102, 2, 0])) == "x0 = 0"
