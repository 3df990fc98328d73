"""The problem record used by the LLM harness (spec/llm.md §1.2)."""

import dataclasses
from typing import Any

from exedec_tf import domains

DOMAINS = domains.names()


@dataclasses.dataclass(frozen=True)
class Problem:
    """A test problem or few-shot example with its Python rendering.

    Attributes:
      inputs: DeepCoder: input name -> one value per example (dict order is
        the argument order); RobustFill: one input string per example.
      outputs: one expected output per example.
      dsl_program: the program in the released string encoding.
      python_program: the Python rendering shown to the model, or None for a
        test problem whose program is still to be written.
    """

    inputs: Any
    outputs: list
    dsl_program: str | None
    python_program: str | None

    def num_examples(self) -> int:
        """The number of input/output examples."""
        return len(self.outputs)

    def with_program(self, python_program: str | None) -> "Problem":
        """A copy with another Python program (None: the unsolved problem)."""
        return dataclasses.replace(self, python_program=python_program)

    def to_json(self) -> list:
        """The results-file form: `[inputs, outputs, dsl_program, python_program]`."""
        return [self.inputs, list(self.outputs), self.dsl_program, self.python_program]


def check_domain(domain: str) -> None:
    """Raises ValueError naming `domain` unless it is a known domain."""
    if domain not in DOMAINS:
        raise ValueError(f"unknown domain {domain!r}; expected one of {DOMAINS}")


def from_llm_problem(llm_problem, domain: str, version: int) -> Problem:
    """Builds a Problem from a released `LLMProblem`, rendering its program.

    Args:
      llm_problem: an `exedec_tf.data.released.LLMProblem`.
      domain: a domain name (one of DOMAINS).
      version: the Python rendering version (DeepCoder 1-5, RobustFill 1).

    Raises:
      ValueError: unknown domain or unsupported version.
    """
    check_domain(domain)
    inputs = llm_problem.inputs
    inputs = dict(inputs) if isinstance(inputs, dict) else list(inputs)
    python = domains.get(domain).program_to_python(llm_problem.program, version)
    return Problem(inputs, list(llm_problem.outputs), llm_problem.program, python)
