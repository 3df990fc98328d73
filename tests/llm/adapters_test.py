"""Per-domain composition and trajectories."""

import pytest

from exedec_tf.llm import adapters
from exedec_tf.llm.execution import in_process_executor
from exedec_tf.llm.problem import Problem

DC = Problem(
    {"x0": [[3, 1]]},
    [[1, 3]],
    None,
    "def program(x0):\n  x1 = dsl.Sort(x0)\n  return x1",
)


def test_deepcoder_compose_borrows_only_the_signature():
    adapter = adapters.get("deepcoder")
    first = adapter.compose(DC, None, "x5 = dsl.Reverse(x0)\n")
    assert first == "def program(x0):\n  x5 = dsl.Reverse(x0)\n  return x5"
    second = adapter.compose(DC, first, " x6 = dsl.Sort(x5)")
    assert (
        second
        == "def program(x0):\n  x5 = dsl.Reverse(x0)\n  x6 = dsl.Sort(x5)\n  return x6"
    )


def test_deepcoder_step_without_assignment_uses_the_whole_code():
    out = adapters.get("deepcoder").compose(DC, None, "dsl.Sort(x0)")
    assert out.endswith("  dsl.Sort(x0)\n  return dsl.Sort(x0)")


def test_robustfill_compose_uses_four_spaces():
    adapter = adapters.get("robustfill")
    first = adapter.compose(None, None, "dsl.Const('a')\n")
    second = adapter.compose(None, first, "dsl.Trim(x)")
    assert second == (
        "def program(x):\n  parts = [\n    dsl.Const('a'),\n    dsl.Trim(x),\n"
        "  ]\n  return ''.join(parts)"
    )


def test_trajectories():
    steps = adapters.get("deepcoder").trajectory(DC, in_process_executor("deepcoder"))
    assert steps == [(["x1 = [1, 3]"], "  x1 = dsl.Sort(x0)")]
    rf = Problem(
        ["ab"],
        ["Xab"],
        None,
        adapters.get("robustfill").compose(None, None, "dsl.Const('X')"),
    )
    rf = rf.with_program(
        adapters.get("robustfill").compose(None, rf.python_program, "x")
    )
    steps = adapters.get("robustfill").trajectory(rf, in_process_executor("robustfill"))
    assert steps == [
        (['"X" so "ab" remains'], "dsl.Const('X')"),
        (['"ab" so "" remains'], "x"),
    ]


@pytest.mark.parametrize("value", [None, "s", [1] * 6, [51], -51, [1.0], 2.0])
def test_invalid_deepcoder_values(value):
    code = f"def program(x0):\n  x1 = {value!r}\n  return x1"
    problem = Problem({"x0": [[1]]}, [[1]], None, code)
    with pytest.raises(adapters.TrajectoryError):
        adapters.get("deepcoder").trajectory(problem, lambda c, i: [value])


def test_bool_passes_like_the_original():
    problem = Problem(
        {"x0": [[1]]}, [[1]], None, "def program(x0):\n  x1 = True\n  return x1"
    )
    steps = adapters.get("deepcoder").trajectory(
        problem, in_process_executor("deepcoder")
    )
    assert steps[0][0] == ["x1 = True"]


def test_robustfill_too_long_value():
    code = "def program(x):\n  parts = [\n    x * 30,\n  ]\n  return ''.join(parts)"
    problem = Problem(["a"], ["a" * 30], None, code)
    with pytest.raises(adapters.TrajectoryError, match="invalid RobustFill value"):
        adapters.get("robustfill").trajectory(
            problem, in_process_executor("robustfill")
        )
