"""The problem record."""

import pytest

from exedec_tf.data.released import LLMProblem
from exedec_tf.llm import problem


def test_from_llm_problem_renders_the_program():
    released = LLMProblem({"x0": [[1, 2]]}, ([2, 3],), "x0 = INPUT | x1 = Map (+1) x0")
    p = problem.from_llm_problem(released, "deepcoder", 4)
    assert (
        p.python_program == "def program(x0):\n  x1 = [x + 1 for x in x0]\n  return x1"
    )
    assert p.num_examples() == 1
    assert p.with_program(None).python_program is None
    assert p.to_json() == [
        {"x0": [[1, 2]]},
        [[2, 3]],
        released.program,
        p.python_program,
    ]


def test_unknown_domain():
    with pytest.raises(ValueError, match="'karel'"):
        problem.from_llm_problem(LLMProblem([], (), ""), "karel", 1)
