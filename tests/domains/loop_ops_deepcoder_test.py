"""DeepCoder loop helpers: single-space specs, state joins, program decoding."""

import numpy as np
import pytest

from exedec_tf import domains
from exedec_tf.domains.loop_ops import SpecEncodingError

OPS = domains.get("deepcoder").loop_ops()


def test_single_space_split_maps_empty_tokens_to_pad():
    assert OPS.spec_tokens(" [ 3 ] ") == [0, 6, 105, 7, 0]
    assert OPS.decode_spec(OPS.encode_spec(" [ 3 ] ", 8, True)) == "[ 3 ]"
    with pytest.raises(SpecEncodingError, match="'51'"):
        OPS.spec_tokens("[ 51 ]")


def test_initial_program_step_limit_and_prefix():
    assert OPS.num_inputs(["x0 = 1 | x1 = [ ]"]) == 2
    assert OPS.decode_spec(OPS.initial_program(2)) == "x0 = INPUT | x1 = INPUT"
    assert OPS.step_limit(2) == 8
    assert OPS.decode_spec(OPS.part_prefix(3)) == "| x3 ="


def test_join_inputs_appends_the_new_variable_with_eos():
    rows = np.stack([OPS.encode_spec("x0 = [ 1 ]", 12, False)])
    joined = OPS.join_inputs(["[ 2 ]"], rows, 1, 12)
    assert OPS.decode_spec(joined[0]) == "x0 = [ 1 ] | x1 = [ 2 ]"
    assert joined[0].tolist()[11] == 2


def test_decode_program_keeps_bos_and_drops_pad_and_eos():
    ids = OPS.initial_program(1) + [3, 43, 4] + OPS.spec_tokens("Sum x0") + [2, 0]
    assert OPS.decode_program(ids).text == "x0 = INPUT | x1 = Sum x0"
    assert OPS.decode_program([1] + ids) is None


def test_trace_distinguishes_invalid_values_from_crashes():
    program = OPS.decode_program(
        OPS.initial_program(1) + [3, 43, 4] + OPS.spec_tokens("Map (*4) x0")
    )
    # 40 * 4 is out of range: the run stops with no state ("None").
    assert OPS.trace_key(program, ["x0 = [ 40 ]"]) == "None"
    assert OPS.trace_key(program, ["x0 = 3"]) == ""
    assert OPS.run(program, ["x0 = [ 1 ]"]) == ["[ 4 ]"]


def test_user_examples():
    assert OPS.parse_user_example("[1, 2], 3", "[ 4 ]") == (
        "x0 = [ 1 2 ] | x1 = 3",
        "[ 4 ]",
    )
    assert OPS.parse_user_example([[1], 2], 5) == ("x0 = [ 1 ] | x1 = 2", "5")
    with pytest.raises(SpecEncodingError, match=r"input value \[1, 99\]"):
        OPS.parse_user_example("[1, 99]", "1")
    with pytest.raises(SpecEncodingError, match="is not an int"):
        OPS.parse_user_example("[1, 2", "1")
