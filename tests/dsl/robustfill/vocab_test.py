"""Tests for the program and spec vocabularies (spec §5)."""

import pytest

from exedec_tf.dsl.errors import UnknownTokenError
from exedec_tf.dsl.robustfill import vocab
from exedec_tf.dsl.robustfill.base import Compose
from exedec_tf.dsl.robustfill.constants import CHARACTER, Boundary, Case, Type
from exedec_tf.dsl.robustfill.modifications import RemoveAll


def test_program_table_layout():
    table = vocab.PROGRAM_ID_TO_TOKEN
    assert len(table) == 315
    assert sorted(table) == list(range(1, 316))
    assert 0 not in table
    assert vocab.PROGRAM_VOCAB_SIZE == 316
    assert (table[1], table[2]) == ("BOS", "EOS")
    assert table[3] is Compose
    assert table[18] is RemoveAll
    assert [cls.__name__ for cls in vocab.EXPRESSION_CLASSES] == (
        "Compose ConstStr SubStr GetSpan GetToken ToCase Replace Trim GetUpto "
        "GetFrom GetFirst GetAll Substitute SubstituteAll Remove RemoveAll"
    ).split()


@pytest.mark.parametrize(
    "token_id, token",
    [
        (19, "a"),
        (44, "z"),
        (45, "A"),
        (70, "Z"),
        (71, "0"),
        (72, "1"),
        (80, "9"),
        (81, "&"),
        (82, ","),
        (83, "."),
        (87, "("),
        (98, "#"),
        (99, '"'),
        (100, "'"),
        (101, " "),
        (102, Type.NUMBER),
        (109, Type.CHAR),
        (110, Case.PROPER),
        (112, Case.LOWER),
        (113, Boundary.START),
        (114, Boundary.END),
        (115, -100),
        (214, -1),
        (215, 0),
        (216, 1),
        (315, 100),
    ],
)
def test_program_ids(token_id, token):
    assert vocab.PROGRAM_ID_TO_TOKEN[token_id] == token
    assert type(vocab.PROGRAM_ID_TO_TOKEN[token_id]) is type(token)
    assert vocab.program_token_id(token) == token_id
    assert vocab.PROGRAM_TOKEN_TO_ID[token] == token_id
    assert vocab.program_id_token(token_id) == token


def test_characters_in_order():
    assert [vocab.PROGRAM_ID_TO_TOKEN[19 + i] for i in range(83)] == list(CHARACTER)


def test_reverse_map_is_a_bijection():
    assert len(vocab.PROGRAM_TOKEN_TO_ID) == 315
    for token_id, token in vocab.PROGRAM_ID_TO_TOKEN.items():
        assert vocab.program_token_id(token) == token_id


def test_tokens_are_typed():
    assert vocab.program_token_id("1") == 72
    assert vocab.program_token_id(1) == 216
    for not_a_token in (True, 1.0, "ab", "", None, Compose(None, None)):
        with pytest.raises(UnknownTokenError, match="not a RobustFill program token"):
            vocab.program_token_id(not_a_token)


@pytest.mark.parametrize("token_id", [0, -1, 316, 1000, "5", None])
def test_unknown_program_ids(token_id):
    with pytest.raises(UnknownTokenError, match=repr(token_id)):
        vocab.program_id_token(token_id)


def test_class_ids():
    assert vocab.CLASS_ID[Compose] == 3
    assert vocab.CLASS_ID[RemoveAll] == 18


def test_spec_table_layout():
    table = vocab.SPEC_ID_TO_TOKEN
    assert vocab.SPEC_VOCAB_SIZE == 87 == len(table)
    assert table[0] is None
    assert (table[1], table[2]) == ("BOS", "EOS")
    assert [table[3 + i] for i in range(83)] == list(CHARACTER)
    assert (table[3], table[28], table[29], table[54]) == ("a", "z", "A", "Z")
    assert (table[55], table[64], table[65], table[85]) == ("0", "9", "&", " ")
    assert table[86] == "|" == vocab.SEPARATOR
    assert vocab.SEPARATOR_ID == 86
    assert vocab.SPEC_TOKEN_TO_ID[None] == 0


def test_encode_and_decode_spec():
    assert vocab.encode_spec("aZ9 |") == [3, 54, 64, 85, 86]
    assert vocab.encode_spec("") == []
    assert vocab.decode_spec([1, 3, 54, 64, 85, 86, 2, 0, 0]) == "aZ9 |"
    text = CHARACTER + "|"
    assert vocab.decode_spec(vocab.encode_spec(text)) == text


def test_decode_spec_drops_non_positive_and_special_ids():
    assert vocab.decode_spec([0, -3, 1, 3, 2, 4]) == "ab"


@pytest.mark.parametrize("text, position", [("ab\tc", 2), ("é", 0)])
def test_encode_spec_unknown_character(text, position):
    with pytest.raises(UnknownTokenError) as excinfo:
        vocab.encode_spec(text)
    message = str(excinfo.value)
    assert f"character {text[position]!r} at position {position}" in message


def test_decode_spec_unknown_id():
    with pytest.raises(UnknownTokenError, match="spec id 87 at position 1"):
        vocab.decode_spec([3, 87])
