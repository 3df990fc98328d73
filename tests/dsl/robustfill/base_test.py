"""Tests for Concat, Compose, ConstStr and run-time error reporting."""

import pytest

from exedec_tf.dsl.errors import ParseError, RunError
from exedec_tf.dsl.robustfill import (
    Boundary,
    Case,
    Compose,
    Concat,
    ConstStr,
    GetAll,
    GetFirst,
    GetFrom,
    GetSpan,
    GetToken,
    Modification,
    Replace,
    SubStr,
    Substring,
    ToCase,
    Trim,
    Type,
)
from exedec_tf.dsl.robustfill.base import describe


def test_original_test_programs():
    program1 = Concat(GetToken(Type.ALPHANUM, 3), GetFrom(":"), GetFirst(Type.CHAR, 4))
    assert program1.run("Ud 9:25,JV3 Obb") == "2525,JV3 ObbUd 9"
    assert program1.run("zLny xmHg 8:43 A44q") == "843 A44qzLny"
    program2 = Concat(
        Compose(
            Replace(" ", ","),
            GetSpan(Type.PROP_CASE, 1, Boundary.START, Type.PROP_CASE, 4, Boundary.END),
        ),
        ConstStr("."),
        GetToken(Type.PROP_CASE, -1),
    )
    assert program2("Jacob Ethan James Alexander Michael") == (
        "Jacob,Ethan,James,Alexander.Michael"
    )
    assert program2.run("Earth Fire Wind Water Pluto Sun") == (
        "Earth,Fire,Wind,Water.Sun"
    )


def test_empty_concat_outputs_empty_string():
    assert Concat().run("abc") == ""
    assert Concat().run(8) == ""


def test_const_str_ignores_input():
    assert ConstStr(".")("anything") == "."
    assert Concat(ConstStr("a"), ConstStr("b"), ConstStr("c")).run("") == "abc"


def test_compose():
    program = Concat(Compose(ToCase(Case.ALL_CAPS), GetToken(Type.WORD, 2)))
    assert program.run("apple (banana) clementine") == "BANANA"
    # Compose may wrap a Compose (decoders produce it; plain composition).
    nested = Compose(Trim(), Compose(ToCase(Case.LOWER), SubStr(1, 4)))
    assert nested(" AB ") == "ab"


def test_compose_outer_const_or_substring_compose_like_functions():
    assert Compose(ConstStr("z"), GetToken(Type.WORD, 1))("ab") == "z"
    assert Compose(SubStr(1, 2), GetAll(Type.NUMBER))("a123") == "12"


def test_mixed_concat_runs_all_parts():
    parts = [ConstStr("<"), SubStr(1, 2), ConstStr("-"), ConstStr("-"), Trim()]
    for count in range(len(parts) + 1):
        program = Concat(*parts[:count])
        expected = "".join(p(" ab ") for p in parts[:count])
        assert program.run(" ab ") == expected


def test_long_concat():
    program = Concat(*[SubStr(i, i) if i % 2 else ConstStr("x") for i in range(30)])
    assert program.run("abc") == "x" * 15


def test_run_error_names_the_expression_and_input():
    program = Concat(ConstStr("a"), GetToken(" ", 1))
    with pytest.raises(RunError, match=r"GetToken_ _1.*'xyz'.*ValueError"):
        program.run("xyz")


def test_non_string_part_is_a_run_error():
    program = Concat(ConstStr(Type.WORD))
    with pytest.raises(RunError, match="Type.WORD"):
        program.run("xyz")
    with pytest.raises(RunError, match="not a string"):
        ConstStr(Type.WORD).run("xyz")


def test_non_string_input():
    program = Concat(ConstStr("."), SubStr(3, 1))
    assert program.run(8) == "."
    with pytest.raises(RunError, match="SubStr"):
        Concat(SubStr(1, 3)).run(8)


def test_raw_token_compose_from_decoding():
    # Compose(ConstStr, ConstStr) built from two raw class tokens constructs
    # ConstStr(ConstStr(value)); an outer ConstStr still yields its character.
    raw = Compose(ConstStr, ConstStr)
    assert not raw._fast
    assert isinstance(raw("v"), ConstStr)
    assert Concat(Compose(ConstStr("a"), raw)).run("v") == "a"
    assert Concat(Compose(SubStr(2, 1), raw)).run("v") == ""
    for bad in (
        Concat(raw),
        Concat(Compose(ToCase(Case.LOWER), raw)),
        Concat(Compose(Compose(GetAll, Trim), SubStr(1, 2))),
        Concat(Compose("a", "b")),
    ):
        with pytest.raises(RunError):
            bad.run("v")


def test_raw_compose_cannot_be_printed():
    with pytest.raises(ParseError, match="non-expressions"):
        Compose(ConstStr, Type.WORD).to_string()
    assert "Compose" in repr(Compose(ConstStr, Type.WORD))


def test_to_string_example():
    program = Concat(
        GetSpan(",", 1, Boundary.START, Type.WORD, -2, Boundary.END),
        ConstStr(" "),
        Compose(ToCase(Case.LOWER), GetFrom("(")),
    )
    assert program.to_string() == (
        "GetSpan(,, 1, Boundary.START, Type.WORD, -2, Boundary.END) | Const( ) | "
        "ToCase_Case.LOWER(GetFrom_()"
    )


def test_const_str_of_non_string_cannot_be_printed():
    with pytest.raises(ParseError):
        ConstStr(5).to_string()
    assert describe(ConstStr(5)) == "ConstStr[5]"


def test_equality_is_typed():
    assert SubStr(1, 2) == SubStr(1, 2)
    assert hash(SubStr(1, 2)) == hash(SubStr(1, 2))
    assert SubStr(1, 2) != SubStr(1, 3)
    assert ConstStr("1") != ConstStr(1)
    assert ConstStr(1) != ConstStr(True)
    assert GetAll(Type.WORD) != RemoveAllLike(Type.WORD)
    assert Concat(SubStr(1, 2)) == Concat(SubStr(1, 2))
    assert Concat(SubStr(1, 2)) != Concat(SubStr(1, 2), ConstStr("a"))


class RemoveAllLike(GetAll):
    """A subclass with the same arguments must not compare equal."""

    __slots__ = ()


def test_args_and_width():
    expression = GetSpan("(", 1, Boundary.START, Type.WORD, 2, Boundary.END)
    assert expression.args == ("(", 1, Boundary.START, Type.WORD, 2, Boundary.END)
    assert GetSpan.width() == 7
    assert Trim.width() == 1
    assert Compose.width() == 3


def test_class_membership():
    assert not issubclass(ConstStr, (Substring, Modification))
    assert not issubclass(Compose, (Substring, Modification))


def test_describe_tokens():
    assert describe("a") == "'a'"
    assert describe(Type.WORD) == "Type.WORD"
    assert describe(GetAll) == "GetAll"


def test_pickle_and_copy_rebuild_from_arguments():
    import copy
    import pickle

    program = Concat(
        Compose(ToCase(Case.PROPER), GetFrom(" ")),
        ConstStr("!"),
        Compose(ConstStr, Type.WORD),
        Trim(),
    )
    for clone in (pickle.loads(pickle.dumps(program)), copy.deepcopy(program)):
        assert clone == program
        assert clone.expressions[0]("ab cD") == "Cd"
