"""Tests for the compiled Concat runners."""

import itertools

from exedec_tf.dsl.robustfill import runner


def test_empty_and_single_parts():
    assert runner.concat_runner([])("abc") == ""
    assert runner.concat_runner(["x"])("abc") == "x"
    assert runner.concat_runner(["x", "y"])("abc") == "xy"
    assert runner.concat_runner([str.upper])("abc") == "ABC"


def test_all_shapes_up_to_five_parts():
    kinds = {"c": "{", "f": str.upper}
    for length in range(1, 6):
        for shape in itertools.product("cf", repeat=length):
            parts = [kinds[k] for k in shape]
            expected = "".join(p if isinstance(p, str) else p("ab") for p in parts)
            assert runner.concat_runner(parts)("ab") == expected, shape


def test_long_programs_use_a_join():
    parts = [str.upper, "-"] * 10
    assert runner.concat_runner(parts)("a") == "A-" * 10


def test_constants_with_braces_and_quotes_are_values_not_source():
    parts = ['"', str.lower, "}{", str.upper, "'''"]
    assert runner.concat_runner(parts)("Ab") == "\"ab}{AB'''"
