"""Tests for program encoding, decoding and program strings (spec §6, §7)."""

import pytest

from exedec_tf.dsl.errors import ParseError, RunError, UnknownTokenError
from exedec_tf.dsl.robustfill import (
    Boundary,
    Case,
    Compose,
    Concat,
    ConstStr,
    GetFrom,
    GetSpan,
    GetToken,
    GetUpto,
    Replace,
    SubStr,
    ToCase,
    Trim,
    Type,
    codec,
)

EXAMPLE = Concat(
    SubStr(1, 3), ConstStr("."), Compose(ToCase(Case.ALL_CAPS), GetToken(Type.WORD, 2))
)
EXAMPLE_STRING = "5 216 218|4 83|3 8 111 7 103 217"


def test_encoding_example():
    assert codec.encode_program(EXAMPLE) == [
        5, 216, 218, 4, 83, 3, 8, 111, 7, 103, 217, 2,
    ]  # fmt: skip
    assert codec.program_to_string(EXAMPLE) == EXAMPLE_STRING
    assert codec.parse_program_string(EXAMPLE_STRING) == EXAMPLE
    assert codec.program_string_to_ids(EXAMPLE_STRING)[-1] == 2


@pytest.mark.parametrize(
    "expression, ids",
    [
        (ConstStr(" "), [4, 101]),
        (SubStr(-100, 100), [5, 115, 315]),
        (
            GetSpan("(", 1, Boundary.START, Type.WORD, -2, Boundary.END),
            [6, 87, 216, 113, 103, 213, 114],
        ),
        (Replace("&", "'"), [9, 81, 100]),
        (Trim(), [10]),
        (GetUpto(Type.CHAR), [11, 109]),
        (GetFrom("1"), [12, 72]),
    ],
)
def test_expression_encoding(expression, ids):
    assert codec.encode_expression(expression) == ids
    assert codec.decode_program([*ids, 2]) == Concat(expression)


def test_original_decode_test():
    program = Concat(
        Compose(
            Replace(" ", ","),
            GetSpan(Type.PROP_CASE, 1, Boundary.START, Type.PROP_CASE, 4, Boundary.END),
        ),
        ConstStr("."),
        GetToken(Type.PROP_CASE, -1),
    )
    ids = codec.encode_program(program)
    assert ids[-1] == 2
    decoded = codec.decode_program(ids)
    assert decoded.run("Jacob Ethan James Alexander Michael") == (
        "Jacob,Ethan,James,Alexander.Michael"
    )


def test_encoding_an_empty_program_fails():
    with pytest.raises(ParseError, match="no expressions"):
        codec.encode_program(Concat())


def test_the_empty_program_string_is_empty():
    # [EOS] decodes to Concat(), so it needs a string form: "".
    assert codec.program_to_string(Concat()) == ""
    assert codec.program_string_to_ids("") == [2]
    assert codec.parse_program_string("") == Concat()


def test_encoding_non_programs_fails():
    with pytest.raises(ParseError, match="expected a Concat"):
        codec.encode_program(SubStr(1, 2))
    with pytest.raises(ParseError, match="not an expression"):
        codec.encode_program(Concat("abc"))
    with pytest.raises(UnknownTokenError, match="1.5"):
        codec.encode_program(Concat(SubStr(1.5, 2)))


def test_decode_swallows_eos_as_argument():
    program = codec.decode_program([4, 2, 2])
    assert program == Concat(ConstStr("EOS"))
    assert program.run("x") == "EOS"


def test_decode_eos_alone_is_the_empty_program():
    program = codec.decode_program([2])
    assert program == Concat()
    assert program.run("abc") == ""


def test_decode_accepts_any_iterable():
    assert codec.decode_program(iter([10, 2])) == Concat(Trim())
    assert codec.decode_program((10, 2)) == Concat(Trim())


def test_decode_is_untyped_and_fails_lazily():
    program = codec.decode_program([7, 72, 102, 2])  # GetToken('1', Type.NUMBER)
    assert program == Concat(GetToken("1", Type.NUMBER))
    with pytest.raises(RunError, match="GetToken"):
        program.run("a1")


def test_nested_compose_takes_two_raw_tokens():
    program = codec.decode_program([3, 3, 4, 19, 8, 112, 2])
    (compose,) = program.expressions
    assert compose.modification == Compose(ConstStr, "a")
    assert compose.modification_or_substring == ToCase(Case.LOWER)
    with pytest.raises(RunError):
        program.run("x")
    with pytest.raises(ParseError, match="cannot encode Compose"):
        codec.encode_program(program)


def test_raw_compose_program_can_still_output():
    # Compose(Const('a'), Compose(ConstStr, ConstStr)) outputs 'a' in the original.
    assert codec.decode_program([3, 4, 19, 3, 4, 4, 2]).run("x") == "a"


@pytest.mark.parametrize(
    "ids, pattern",
    [
        ([], "end at position 0"),
        ([5, 216], "SubStr at position 0 needs 2 arguments but the ids end after 1"),
        ([5, 216, 2], "end at position 3"),
        ([5, 216, 218, 4], "expected EOS .* at position 3, found ConstStr"),
        ([3, 5, 216, 218, 2], "'EOS' \\(id 2\\) at position 4 is not an expression"),
        ([3, 5, 216], "SubStr at position 1 needs 2 arguments"),
        ([2, 2], "'EOS' \\(id 2\\) at position 0 is not an expression class"),
        ([216, 5, 2], "1 \\(id 216\\) at position 0 is not an expression class"),
        ([1, 10, 2], "'BOS' \\(id 1\\) at position 0"),
    ],
)
def test_decode_failures(ids, pattern):
    with pytest.raises(ParseError, match=pattern):
        codec.decode_program(ids)


@pytest.mark.parametrize(
    "ids, bad_id, position",
    [
        ([0, 2], 0, 0),
        ([5, 316, 216, 2], 316, 1),
        ([10, -4, 2], -4, 1),
        ([10, 999], 999, 1),
    ],
)
def test_decode_unknown_ids(ids, bad_id, position):
    with pytest.raises(UnknownTokenError) as excinfo:
        codec.decode_program(ids)
    assert f"unknown program token id {bad_id} at position {position}" in str(
        excinfo.value
    )


def test_ids_to_program():
    assert codec.ids_to_program([1, 5, 216, 218, 0, 2, 0]) == Concat(SubStr(1, 3))
    # Ids 0/1/2 (and negatives) are dropped before one EOS is appended.
    assert codec.ids_to_program([4, 2, 2]) is None
    assert codec.ids_to_program([4, 2, 83]) == Concat(ConstStr("."))
    assert codec.ids_to_program([-7, 10]) == Concat(Trim())
    assert codec.ids_to_program([]) == Concat()
    assert codec.ids_to_program([5, 216]) is None
    assert codec.ids_to_program([400, 2]) is None
    assert codec.ids_to_program([None, 10]) is None


def test_program_string_round_trip_separators_are_not_boundaries():
    # '|' is just a separator: ids are decoded as one flat sequence.
    assert codec.parse_program_string("5 216|218") == Concat(SubStr(1, 3))
    assert codec.program_to_string(codec.parse_program_string("5 216|218")) == (
        "5 216 218"
    )


@pytest.mark.parametrize(
    "text, piece, position",
    [
        ("5 2x6 218", "2x6", 1),
        ("5  216 218", "", 1),
        ("5 216 218|", "", 3),
        (" ", "", 0),
        ("4 83|a", "a", 2),
    ],
)
def test_parse_program_string_bad_pieces(text, piece, position):
    with pytest.raises(ParseError) as excinfo:
        codec.parse_program_string(text)
    assert f"piece {piece!r} (token {position})" in str(excinfo.value)


def test_parse_program_string_unknown_id():
    with pytest.raises(UnknownTokenError) as excinfo:
        codec.parse_program_string("5 216 218|4 500")
    message = str(excinfo.value)
    assert "unknown program token id 500 at position 4" in message
    assert "'5 216 218|4 500'" in message


def test_parse_program_string_malformed():
    with pytest.raises(ParseError, match="end at position 4.*'3 5 216'"):
        codec.parse_program_string("3 5 216")
    with pytest.raises(ParseError, match="end at position 3.*'5 216'"):
        codec.parse_program_string("5 216")


# ---- the end-to-end decoder (process_and_decode_program) -----------------------


@pytest.mark.parametrize(
    "ids",
    [
        [4, 114],  # Const(Boundary.END)
        [4, 18],  # Const(RemoveAll): a class token
        [4, 112],  # Const(Case.LOWER)
        [4, 102],  # Const(Type.NUMBER)
        [4, 216],  # Const(1)
        [15, 102, 216, 114],  # Substitute(NUMBER, 1, Boundary.END)
        [16, 102, 114],  # SubstituteAll(NUMBER, Boundary.END)
        [5, 216, 218, 4, 114],  # one unprintable expression spoils the program
    ],
)
def test_decodable_but_unprintable_programs_are_invalid(ids):
    # Spec §8: the ids decode (no type checks), but str(program) raises.
    program = codec.decode_program(ids + [2])
    assert codec.printed_form(program) is None
    assert codec.decode_prediction([1] + ids + [2, 0]) is None


def test_unprintable_program_can_run():
    # Without a number nothing is substituted, so it runs; still invalid.
    program = codec.decode_program([15, 102, 216, 114, 2])
    assert program.run("abc") == "abc"
    assert codec.decode_prediction([15, 102, 216, 114, 2]) is None


@pytest.mark.parametrize("ids", [[2], [1, 2], [1, 2, 0, 0], [1, 0, 0], [1], [2, 2]])
def test_nothing_left_is_the_empty_program(ids):
    program = codec.decode_prediction(ids)
    assert program == Concat()
    assert codec.printed_form(program) == ""
    assert program.run("abc") == ""


def test_prediction_cut_at_the_last_eos():
    assert codec.decode_prediction([1, 8, 111, 2, 0, 4, 83, 2, 7, 109]) == Concat(
        ToCase(Case.ALL_CAPS), ConstStr(".")
    )
    # No EOS: the last position is dropped.
    assert codec.decode_prediction([8, 111, 5]) == Concat(ToCase(Case.ALL_CAPS))
    assert codec.decode_prediction([]) is None
    # An EOS cannot be swallowed as an argument here: every EOS is removed.
    assert codec.decode_prediction([4, 2, 2]) is None
    assert codec.decode_program([4, 2, 2]) == Concat(ConstStr("EOS"))


def test_nested_compose_decodes_but_is_an_invalid_prediction():
    ids = [3, 3, 10, 10, 10, 2]  # Compose(Compose(Trim, Trim), Trim())
    program = codec.ids_to_program(ids)
    (compose,) = program.expressions
    assert compose.modification == Compose(Trim, Trim)
    assert compose.modification_or_substring == Trim()
    assert codec.printed_form(program) is None
    assert codec.decode_prediction(ids) is None
    with pytest.raises(RunError):
        program.run("x")


def test_printed_form_of_valid_programs():
    assert codec.printed_form(EXAMPLE) == (
        "SubStr(1, 3) | Const(.) | ToCase_Case.ALL_CAPS(GetToken_Type.WORD_2)"
    )
    assert codec.decode_prediction([1] + codec.encode_program(EXAMPLE)) == EXAMPLE
