"""RobustFill loop helpers: spec codec, program decoding quirks, user examples."""

import pytest

from exedec_tf import domains
from exedec_tf.domains.loop_ops import SpecEncodingError

OPS = domains.get("robustfill").loop_ops()


def test_spec_round_trip_and_padding():
    row = OPS.encode_spec("Ab.", 6, add_eos=True)
    assert row.tolist()[3:] == [2, 0, 0]
    assert OPS.decode_spec(row) == "Ab."
    with pytest.raises(SpecEncodingError, match="spec length 3"):
        OPS.encode_spec("Ab.", 3, add_eos=True, strict=True)
    assert OPS.encode_spec("Ab.", 3, add_eos=True).tolist() == OPS.spec_tokens("Ab.")


def test_decode_program_cuts_at_the_last_eos():
    # Parts after the last EOS are dropped; EOS/PAD/BOS inside are removed.
    program = OPS.decode_program([1, 8, 111, 2, 0, 4, 83, 2, 7, 109])
    assert program.text == "8 111|4 83"
    # No EOS at all: the last position is dropped.
    assert OPS.decode_program([1, 8, 111, 5]).text == "8 111"
    assert OPS.decode_program([1, 8, 2]) is None
    # The empty program is valid (it outputs "").
    empty = OPS.decode_program([1, 2, 0])
    assert empty.text == "" and OPS.run(empty, ["ab"]) == [""]


def test_decode_program_rejects_what_the_original_cannot_print():
    # Const(Boundary.END) and Substitute(NUMBER, 1, Boundary.END) encode fine
    # but printing them raises in the original: "[invalid program]".
    assert OPS.decode_program([1, 4, 114, 2, 0]) is None
    assert OPS.decode_program([1, 8, 111, 2, 15, 102, 216, 114, 2]) is None
    # A nested Compose decodes from two raw tokens, then fails to print.
    assert OPS.decode_program([1, 3, 3, 10, 10, 10, 2]) is None
    assert OPS.decode_program([1, 4, 19, 2]).text == "4 19"


def test_baseline_decoding_cuts_after_the_first_eos():
    assert OPS.decode_baseline_program([8, 111, 2, 4, 83, 2]).text == "8 111"
    assert OPS.decode_baseline_program([8, 111, 4, 83]) is None
    assert OPS.decode_baseline_program([8, 111, 0, 2]) is None
    assert OPS.decode_baseline_program([2, 4, 83]).text == ""
    # train.py scores a program whose to_string raises as "did not compile".
    assert OPS.decode_baseline_program([1, 4, 112, 2]) is None


def test_trace_key_and_run():
    program = OPS.decode_program([1, 8, 111, 2])
    assert OPS.run(program, ["ab", "c"]) == ["AB", "C"]
    assert OPS.trace_key(program, ["ab", "c"]) == "AB~C"
    assert OPS.trace_key(None, ["ab", "c"]) == "~"


def test_user_examples_name_the_bad_character():
    assert OPS.parse_user_example("a b", "A") == ("a b", "A")
    with pytest.raises(SpecEncodingError, match="'|' at position 1"):
        OPS.parse_user_example("a|b", "A")
    with pytest.raises(SpecEncodingError, match="output 'é'"):
        OPS.parse_user_example("a", "é")
