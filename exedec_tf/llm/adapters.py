"""Per-domain pieces of the prompts and of the ExeDec step loop (spec/llm.md §4-5).

Everything in the LLM harness that differs between DeepCoder and RobustFill
is here, behind `PromptAdapter`; prompts and the step loop never branch on
the domain name. `get(domain)` returns the adapter.
"""

import abc
import copy

from exedec_tf.errors import ExeDecError
from exedec_tf.llm.execution import Executor
from exedec_tf.llm.problem import Problem, check_domain

# Limits of a valid intermediate value in an ExeDec trajectory (hard-coded in
# the original, independent of the DSL flags).
DEEPCODER_MAX_LIST_LENGTH = 5
DEEPCODER_MAX_INT = 50
ROBUSTFILL_MAX_LENGTH = 20


class TrajectoryError(ExeDecError, ValueError):
    """A partial program's execution fails the checks of an ExeDec trajectory."""


class PromptAdapter(abc.ABC):
    """Domain-specific rendering and composition rules.

    Attributes:
      domain: the domain name.
      max_tokens: format -> max new tokens per LLM call (spec §6).
    """

    domain: str
    max_tokens: dict

    @abc.abstractmethod
    def case_text(self, problem: Problem, index: int, step_by_step: bool) -> str:
        """The `<INPUTS> --> <OUTPUT>` text of one example (no indent, no newline)."""

    @abc.abstractmethod
    def trajectory(self, problem: Problem, execute: Executor) -> list[tuple]:
        """Per-step `(subgoal lines, step code)` of a problem with a program.

        Raises:
          TrajectoryError: an intermediate result is invalid (spec §4.5).
        """

    @abc.abstractmethod
    def compose(self, reference: Problem, previous: str | None, step: str) -> str:
        """The partial program after appending `step` (spec §5.2 e).

        Args:
          reference: the test problem with its ground-truth program (only the
            DeepCoder signature line is borrowed from it).
          previous: the partial program so far, or None at step 1.
          step: the extracted step code.
        """


def _check_deepcoder_value(value) -> None:
    # bool passes as int, as in the original's isinstance checks.
    if isinstance(value, int):
        items = [value]
    elif isinstance(value, list):
        if len(value) > DEEPCODER_MAX_LIST_LENGTH:
            raise TrajectoryError(f"list longer than 5: {value!r}")
        items = value
    else:
        raise TrajectoryError(f"not an int or a list: {value!r}")
    for item in items:
        if not isinstance(item, int):
            raise TrajectoryError(f"list element is not an int: {value!r}")
        if not -DEEPCODER_MAX_INT <= item <= DEEPCODER_MAX_INT:
            raise TrajectoryError(f"int outside [-50, 50]: {value!r}")


class DeepCoderAdapter(PromptAdapter):
    """DeepCoder: dict inputs, one new variable per step."""

    domain = "deepcoder"
    max_tokens = {"baseline": 150, "exedec": 200, "exedec_ablation": 80}

    def case_text(self, problem, index, step_by_step):
        inputs = ", ".join(
            f"{name} = {values[index]}" for name, values in problem.inputs.items()
        )
        return f"{inputs} --> {problem.outputs[index]}"

    def trajectory(self, problem, execute):
        lines = problem.python_program.splitlines()
        done = [lines[0]]
        steps = []
        for line in lines[1:-1]:
            new_var = line.strip().split("=", 1)[0].strip()
            code = "\n".join([*done, line, f"  return {new_var}"])
            results = execute(code, problem.inputs)
            if results is None:
                raise TrajectoryError(f"partial program fails to run:\n{code}")
            for value in results:
                _check_deepcoder_value(value)
            subgoals = [f"{new_var} = {value}" for value in results]
            steps.append((subgoals, line))
            done.append(line)
        return steps

    def compose(self, reference, previous, step):
        if previous is None:
            prefix = reference.python_program.splitlines()[0] + "\n"
        else:
            prefix = previous.rsplit("  return", 1)[0]
        new_var = step.split("=", 1)[0].strip()
        return f"{prefix}  {step.strip()}\n  return {new_var}"


class RobustFillAdapter(PromptAdapter):
    """RobustFill: string inputs, one concatenated part per step."""

    domain = "robustfill"
    max_tokens = {"baseline": 400, "exedec": 400, "exedec_ablation": 200}

    def case_text(self, problem, index, step_by_step):
        # Strings go between double quotes verbatim (no escaping), like the original.
        prefix = "x = " if step_by_step else ""
        return f'{prefix}"{problem.inputs[index]}" --> "{problem.outputs[index]}"'

    def trajectory(self, problem, execute):
        lines = problem.python_program.splitlines()
        targets = copy.deepcopy(list(problem.outputs))
        steps = []
        for line in lines[1:-1]:
            if line.strip() in ("parts = [", "]"):
                continue
            expression = line.strip()
            if expression.endswith(","):
                expression = expression[:-1]
            code = f"{lines[0]}\n  return {expression}"
            results = execute(code, problem.inputs)
            if results is None:
                raise TrajectoryError(f"partial program fails to run:\n{code}")
            for value in results:
                if not isinstance(value, str) or len(value) > ROBUSTFILL_MAX_LENGTH:
                    raise TrajectoryError(f"invalid RobustFill value {value!r}")
            for i, value in enumerate(results):
                if not targets[i].startswith(value):
                    raise TrajectoryError(
                        f"case {i + 1}: {value!r} is not a prefix of {targets[i]!r}"
                    )
            targets = [t[len(v) :] for t, v in zip(targets, results, strict=True)]
            subgoals = [
                f'"{v}" so "{t}" remains' for v, t in zip(results, targets, strict=True)
            ]
            steps.append((subgoals, expression))
        return steps

    def compose(self, reference, previous, step):
        if previous is None:
            prefix = "def program(x):\n  parts = [\n"
        else:
            prefix = previous.rsplit("  ]", 1)[0]
        return f"{prefix}    {step.strip()},\n  ]\n  return ''.join(parts)"


_ADAPTERS = {"deepcoder": DeepCoderAdapter(), "robustfill": RobustFillAdapter()}


def get(domain: str) -> PromptAdapter:
    """The adapter of `domain` ("deepcoder" or "robustfill")."""
    check_domain(domain)
    return _ADAPTERS[domain]
