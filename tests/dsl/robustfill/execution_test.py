"""Tests for `run_program` (per-example None on failure)."""

from exedec_tf.dsl.robustfill import (
    Concat,
    ConstStr,
    GetToken,
    SubStr,
    Type,
    decode_program,
    run_program,
)


def test_outputs_per_input():
    program = Concat(GetToken(Type.WORD, 1), ConstStr("!"))
    assert run_program(program, ["hi there", "", "12"]) == ["hi!", "!", "!"]


def test_failures_blank_single_examples():
    program = Concat(SubStr(1, 2))
    assert run_program(program, ["abc", 8, None, "x"]) == ["ab", None, None, "x"]


def test_ill_typed_program_gives_none():
    program = decode_program([7, 19, 216, 2])  # GetToken('a', 1)
    assert run_program(program, ["abc", "d"]) == [None, None]
