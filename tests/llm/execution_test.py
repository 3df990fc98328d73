"""In-process execution of rendered programs (the original's semantics)."""

import pytest

from exedec_tf.llm import execution


def test_deepcoder_call_uses_input_names_in_order():
    code = "def program(a, b):\n  return a - b"
    assert execution.run_program("deepcoder", code, {"b": [5], "a": [2]}) == [3]


def test_inputs_are_bound_only_in_the_call_namespace():
    # As in the original, "program(x)" is evaluated in a copy of the namespace
    # holding x, but the function's globals are the original namespace.
    code = "def program(y):\n  return x + y"
    assert execution.run_program("robustfill", code, ["ab"]) == [None]
    code = "def program(y):\n  return y + y"
    assert execution.run_program("robustfill", code, ["ab"]) == ["abab"]


def test_exec_failure_and_per_example_failure():
    assert execution.run_program("deepcoder", "def program(:", {"x0": [1]}) is None
    code = "def program(x0):\n  return 10 // x0"
    assert execution.run_program("deepcoder", code, {"x0": [2, 0]}) == [5, None]


@pytest.mark.parametrize(
    "error", ["SystemExit(3)", "KeyboardInterrupt", "GeneratorExit"]
)
def test_any_exception_is_a_failure_like_a_bare_except(error):
    code = f"def program(x0):\n  raise {error}"
    assert execution.run_program("deepcoder", code, {"x0": [1]}) == [None]
    assert execution.run_program("deepcoder", f"raise {error}", {"x0": [1]}) is None


def test_inputs_are_not_mutated():
    inputs = {"x0": [[1, 2]]}
    code = "def program(x0):\n  x0.append(3)\n  return x0"
    assert execution.run_program("deepcoder", code, inputs) == [[1, 2, 3]]
    assert inputs == {"x0": [[1, 2]]}


@pytest.mark.parametrize(
    "domain,inputs,match",
    [
        ("deepcoder", ["a"], "non-empty dict"),
        ("deepcoder", {"x0": [1], "x1": [1, 2]}, "differ in length"),
        ("robustfill", {"x": ["a"]}, "must be a list"),
        ("karel", [], "'karel'"),
    ],
)
def test_bad_inputs(domain, inputs, match):
    with pytest.raises(ValueError, match=match):
        execution.num_examples(domain, inputs)
