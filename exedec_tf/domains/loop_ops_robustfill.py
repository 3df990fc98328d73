"""RobustFill helpers of the ExeDec loop (see `exedec_tf.domains.loop_ops`)."""

from collections.abc import Sequence

import numpy as np

from exedec_tf.domains.loop_ops import DecodedProgram, LoopOps, SpecEncodingError
from exedec_tf.dsl import robustfill as dsl
from exedec_tf.dsl.errors import DSLError

# The original's step limit for RobustFill (no natural bound on expressions).
STEP_LIMIT = 20


class RobustFillLoopOps(LoopOps):
    """Character-level specs; subgoals are output prefixes."""

    finished_part = "[finished]"
    invalid_part = "[invalid]"

    def spec_tokens(self, text: str) -> list[int]:
        try:
            return dsl.encode_spec(text)
        except DSLError as error:
            raise SpecEncodingError(str(error)) from None

    def decode_spec(self, ids: Sequence[int]) -> str:
        ids = np.asarray(ids)
        return dsl.decode_spec(ids[ids > self.eos_id].tolist())

    def advance_outputs(self, parts, targets, detect_invalid):
        remaining: list[str] = []
        valid = True
        for part, target in zip(parts, targets, strict=True):
            if detect_invalid and not target.startswith(part):
                remaining = [self.invalid_part] * len(targets)
                valid = False
                break
            # Without detect_invalid a non-prefix still drops len(part) chars.
            remaining.append(target[len(part) :])
        return valid, remaining, all(not r for r in remaining)

    def step_limit(self, num_inputs: int) -> int:
        del num_inputs
        return STEP_LIMIT

    def initial_program(self, num_inputs: int) -> list[int]:
        del num_inputs
        return [self.bos_id]

    def decode_program(self, ids):
        program = dsl.decode_prediction(np.asarray(ids).tolist())
        if program is None:
            return None
        return DecodedProgram(program, dsl.program_to_string(program))

    def decode_baseline_program(self, ids):
        ids = [int(i) for i in ids]
        end = ids.index(self.eos_id) + 1 if self.eos_id in ids else 1
        kept = [i for i in ids[:end] if i != self.bos_id]
        try:
            program = dsl.decode_program(kept)
        except dsl.DSLError:
            return None  # "did not compile", as in train.py.
        # train.py also scores a program that cannot be printed as -1.
        if dsl.printed_form(program) is None:
            return None
        return DecodedProgram(program, dsl.program_to_string(program))

    def run(self, program, inputs):
        return dsl.run_program(program.program, list(inputs))

    def parse_user_example(self, text_input, text_output):
        for what, text in (("input", text_input), ("output", text_output)):
            if not isinstance(text, str):
                raise SpecEncodingError(
                    f"RobustFill {what} must be a string, got {text!r}"
                )
            for position, char in enumerate(text):
                if char not in dsl.CHARACTER:
                    raise SpecEncodingError(
                        f"{what} {text!r}: character {char!r} at position "
                        f"{position} is not in the RobustFill character set"
                    )
        return text_input, text_output
