"""Any number of user examples against the models' fixed example slots.

A model takes exactly E examples (RobustFill 4, DeepCoder 3 with the paper's
settings: the config's `num_examples`). A user may give any positive number:

- fewer than E: they are repeated cyclically to fill the slots (examples
  0, 1 into four slots give 0, 1, 0, 1);
- exactly E: one example per slot;
- more than E: the first E form the spec the models see, and success is
  checked on every example, so a program that fits the first E but fails an
  extra one is not a solution.

Success is always decided on the examples as given (each once), never on the
repeated slots.
"""

import dataclasses

from exedec_tf.domains.base import Domain
from exedec_tf.dsl.errors import DSLError
from exedec_tf.errors import ExeDecError
from exedec_tf.synthesis.records import Problem, ProblemResult


class ExampleCountError(ExeDecError, ValueError):
    """No examples were given, or the models' slot count is not positive."""


@dataclasses.dataclass(frozen=True)
class SlotFilling:
    """The user's examples laid into the models' example slots.

    Attributes:
      given: every example in the user's order; success is checked on all.
      sources: per model slot, the index of the given example it holds.
    """

    given: Problem
    sources: tuple[int, ...]

    @property
    def spec(self) -> Problem:
        """The problem the models see: one example per slot."""
        return dataclasses.replace(
            self.given,
            inputs=tuple(self.given.inputs[i] for i in self.sources),
            outputs=tuple(self.given.outputs[i] for i in self.sources),
        )

    @property
    def num_given(self) -> int:
        """How many examples the user gave."""
        return len(self.given.inputs)

    @property
    def unseen(self) -> tuple[int, ...]:
        """Given examples in no slot: checked for success only."""
        return tuple(range(len(self.sources), self.num_given))

    def describe(self) -> str:
        """One line saying how the examples met the slots and what was checked."""
        n, slots = self.num_given, len(self.sources)
        if n < slots:
            order = ", ".join(map(str, self.sources))
            return (
                f"{n} examples repeated to fill the models' {slots} example "
                f"slots ({order}); success checked on all {n}"
            )
        if n == slots:
            return f"{n} examples, one per model slot; success checked on all {n}"
        return (
            f"examples 0-{slots - 1} form the models' {slots}-example spec; "
            f"success checked on all {n} (examples {slots}-{n - 1} only checked)"
        )


def require_examples(count: int) -> None:
    """Raises ExampleCountError when `count` (of given examples) is zero."""
    if count == 0:
        raise ExampleCountError(
            "no examples given: give at least one 'input -> output' example "
            "(fewer than the models' example slots are repeated to fill them)"
        )


def fill_slots(problem: Problem, num_slots: int) -> SlotFilling:
    """Lays `problem`'s examples into `num_slots` model slots (module rules).

    Raises:
      ExampleCountError: the problem has no examples, or `num_slots` is not
        a positive int.
    """
    if type(num_slots) is not int or num_slots < 1:
        raise ExampleCountError(
            f"the models' example slots must be a positive int, got {num_slots!r}"
        )
    count = len(problem.inputs)
    require_examples(count)
    return SlotFilling(problem, tuple(i % count for i in range(num_slots)))


def satisfied_on(domain: Domain, program: str | None, problem: Problem) -> tuple:
    """Per example of `problem`, whether `program` reproduces its output.

    The loop's success rule (inference spec §2.8): a failed run, or a program
    that does not parse or build, counts as output "".
    """
    outputs = [None] * len(problem.inputs)
    if program is not None:
        try:
            outputs = domain.run_program(program, problem.inputs)
        except DSLError:
            pass
    return tuple(
        ("" if got is None else got) == want
        for got, want in zip(outputs, problem.outputs, strict=True)
    )


def check_all(
    result: ProblemResult, filling: SlotFilling, domain: Domain
) -> ProblemResult:
    """`result` (of a run on `filling.spec`) with success decided on every
    given example: the highest beam slot whose program satisfies them all is
    the solution, as in the loop's own check."""
    beam = tuple(
        dataclasses.replace(
            slot, satisfied=satisfied_on(domain, slot.program, filling.given)
        )
        for slot in result.beam
    )
    solved = [i for i, slot in enumerate(beam) if all(slot.satisfied)]
    solution_slot = solved[-1] if solved else None
    solution = None
    if solution_slot is not None:
        program = beam[solution_slot].program
        solution = "[invalid program]" if program is None else program
    return dataclasses.replace(
        result,
        success=solution_slot is not None,
        solution=solution,
        solution_slot=solution_slot,
        beam=beam,
    )
