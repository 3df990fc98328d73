"""What the LLM harness needs from a domain: prompt pieces and step rules.

Everything in `exedec_tf.llm` that differs between DeepCoder and RobustFill
(spec/llm.md §4-5: the DSL description, how an example is written, how a
ground-truth program splits into ExeDec steps, how a predicted step extends
a partial program, token budgets) lives in one `PromptAdapter` subclass per
domain; `Domain.prompt_adapter()` returns it, so prompts and the step loop
never branch on the domain name.

Problems are duck-typed: anything with `inputs`, `outputs` and
`python_program` (`exedec_tf.llm.problem.Problem`).
"""

import abc
from collections.abc import Callable
from typing import Any

from exedec_tf.errors import ExeDecError

# A function (code, inputs) -> one result per example, or None if defining the
# code fails (`exedec_tf.llm.execution.Executor`).
Executor = Callable[[str, Any], "list | None"]


class TrajectoryError(ExeDecError, ValueError):
    """A partial program's execution fails the checks of an ExeDec trajectory."""


class PromptAdapter(abc.ABC):
    """Domain-specific rendering and composition rules.

    Attributes:
      domain: the domain name.
      max_tokens: format -> max new tokens per LLM call (spec §6).
      purpose: what the `dsl` module is for, as the description says it.
      versions: the prompt/rendering versions this domain supports.
    """

    domain: str
    max_tokens: dict
    purpose: str
    versions: tuple[int, ...]

    @abc.abstractmethod
    def dsl_details(self, version: int) -> tuple[str, str | None]:
        """The (functions, constants) text of the DSL description (§4.1).

        Constants is None when the version shows none.

        Raises:
          ValueError: `version` is not one of `versions`.
        """

    @abc.abstractmethod
    def case_text(self, problem, index: int, step_by_step: bool) -> str:
        """The `<INPUTS> --> <OUTPUT>` text of one example (no indent, no newline)."""

    @abc.abstractmethod
    def trajectory(self, problem, execute: Executor) -> list[tuple]:
        """Per-step `(subgoal lines, step code)` of a problem with a program.

        Raises:
          TrajectoryError: an intermediate result is invalid (spec §4.5).
        """

    @abc.abstractmethod
    def compose(self, reference, previous: str | None, step: str) -> str:
        """The partial program after appending `step` (spec §5.2 e).

        Args:
          reference: the test problem with its ground-truth program (only the
            DeepCoder signature line is borrowed from it).
          previous: the partial program so far, or None at step 1.
          step: the extracted step code.
        """
