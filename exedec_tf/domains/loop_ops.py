"""What the ExeDec step loop needs from a domain, beyond the `Domain` interface.

The loop (`exedec_tf.synthesis`) works on token-id arrays and on the released
string encodings; everything that differs between DeepCoder and RobustFill
(spec tokenisation, how a subgoal shortens the remaining outputs, how a
program part is prefixed, how predicted ids decode to a program) lives in one
`LoopOps` subclass per domain. `Domain.loop_ops()` returns it.

Semantics follow the original end-to-end driver (inference spec §2.3), quirks
included; each method says which helper it reproduces.
"""

import abc
import dataclasses
from collections.abc import Sequence

import numpy as np

from exedec_tf.errors import ExeDecError


class SpecEncodingError(ExeDecError, ValueError):
    """A specification string cannot be tokenised (unknown token or too long)."""


@dataclasses.dataclass(frozen=True)
class DecodedProgram:
    """A predicted program that decoded successfully.

    Attributes:
      program: the DSL object (runnable by the owning `LoopOps`).
      text: the released string encoding of the program.
    """

    program: object
    text: str


class LoopOps(abc.ABC):
    """Domain-specific helpers of the ExeDec loop.

    Attributes:
      finished_part: the subgoal string written for an already finished slot.
      invalid_part: the subgoal string that replaces a malformed prediction.
      analyse_whole_program: what first-error attribution runs.
      pad_id, bos_id, eos_id: special ids.
    """

    finished_part: str
    invalid_part: str
    # First-error attribution runs the whole program (DeepCoder) or only the
    # step's part (RobustFill).
    analyse_whole_program = False
    pad_id = 0
    bos_id = 1
    eos_id = 2

    # ---- specifications ---------------------------------------------------

    @abc.abstractmethod
    def spec_tokens(self, text: str) -> list[int]:
        """Ids of a spec string, no EOS (§2.3 encode_spec before padding).

        Raises:
          SpecEncodingError: a token (character or value) is not in the spec
            vocabulary; the message names it.
        """

    @abc.abstractmethod
    def decode_spec(self, ids: Sequence[int]) -> str:
        """§2.3 decode_spec: drop every PAD, BOS and EOS id, join the tokens."""

    def encode_spec(
        self, text: str, length: int, add_eos: bool, strict: bool = False
    ) -> np.ndarray:
        """§2.3 encode_spec: tokens, optional EOS, right-padded to `length`.

        The original had no truncation (an overlong spec crashed it). With
        `strict` an overlong spec raises SpecEncodingError; otherwise it is cut
        to `length` ids so that one odd prediction cannot stop a whole
        evaluation run.
        """
        ids = self.spec_tokens(text)
        if add_eos:
            ids.append(self.eos_id)
        if len(ids) > length:
            if strict:
                raise SpecEncodingError(
                    f"{text!r} needs {len(ids)} tokens, more than the model's "
                    f"spec length {length}"
                )
            ids = ids[:length]
        row = np.zeros([length], np.int32)
        row[: len(ids)] = ids
        return row

    def split_prediction(self, ids: Sequence[int]) -> list[str]:
        """Parts of a SpecDecomposer prediction (§2.3 split_outputs step 2)."""
        return self.decode_spec(ids).strip("|").split("|")

    def parts_parse(self, parts: Sequence[str]) -> bool:
        """Whether every subgoal part is well formed (DeepCoder check)."""
        del parts
        return True

    @abc.abstractmethod
    def advance_outputs(
        self, parts: Sequence[str], targets: Sequence[str], detect_invalid: bool
    ) -> tuple[bool, list[str], bool]:
        """The outputs left after `parts` (§2.3 split_outputs steps 6-7).

        Returns:
          (valid, remaining output strings, last_step).
        """

    def join_inputs(
        self,
        parts: Sequence[str],
        current_inputs: np.ndarray,
        variable_index: int,
        length: int,
    ) -> np.ndarray:
        """§2.3 join_inputs: the next step's inputs int32[E, L] (default: same)."""
        del parts, variable_index, length
        return current_inputs

    # ---- problems and programs -------------------------------------------

    def num_inputs(self, inputs: Sequence[str]) -> int:
        """Input variables of a problem (0 where the domain has none)."""
        del inputs
        return 0

    @abc.abstractmethod
    def step_limit(self, num_inputs: int) -> int:
        """Maximum number of loop steps for a problem."""

    @abc.abstractmethod
    def initial_program(self, num_inputs: int) -> list[int]:
        """Program ids the loop starts from."""

    def part_prefix(self, variable_index: int) -> list[int]:
        """Ids the driver writes before a predicted program part."""
        del variable_index
        return []

    @abc.abstractmethod
    def decode_program(self, ids: Sequence[int]) -> DecodedProgram | None:
        """§2.3 process_and_decode_program on the whole program so far.

        Returns None where the original reported "[invalid program]".
        """

    @abc.abstractmethod
    def decode_baseline_program(self, ids: Sequence[int]) -> DecodedProgram | None:
        """Decodes one baseline beam element as train.py's predict phase did."""

    @abc.abstractmethod
    def run(self, program: DecodedProgram, inputs: Sequence[str]) -> list[str | None]:
        """Outputs on the original inputs, None where the run fails (§2.3)."""

    def trace_key(self, program: DecodedProgram | None, inputs: Sequence[str]) -> str:
        """§2.3 execution_trace joined with `~` (the discard-repeat key)."""
        if program is None:
            return "~".join("" for _ in inputs)
        return "~".join("" if o is None else o for o in self.run(program, inputs))

    @abc.abstractmethod
    def parse_user_example(self, text_input, text_output) -> tuple[str, str]:
        """Converts one user example to released (input, output) strings.

        Raises:
          SpecEncodingError: the example is not a value of the domain.
        """
