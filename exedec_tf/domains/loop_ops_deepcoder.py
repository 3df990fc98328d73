"""DeepCoder helpers of the ExeDec loop (see `exedec_tf.domains.loop_ops`)."""

import ast
from collections.abc import Sequence

import numpy as np

from exedec_tf.domains.loop_ops import DecodedProgram, LoopOps, SpecEncodingError
from exedec_tf.dsl import deepcoder as dsl
from exedec_tf.dsl.errors import DSLError


class DeepCoderLoopOps(LoopOps):
    """Program-state specs; the state grows by one variable per step.

    Args:
      config: value limits of the DSL.
    """

    finished_part = ""
    invalid_part = ""
    analyse_whole_program = True

    def __init__(self, config: dsl.DeepCoderConfig = dsl.DEFAULT_CONFIG):
        self.config = config
        vocab = dsl.get_vocabulary(config)
        self._token_to_id = vocab.token_to_id
        self._id_to_token = vocab.id_to_token
        self.sep_id = dsl.SEP_ID

    def spec_tokens(self, text: str) -> list[int]:
        # Single-space split: "" (from stray spaces) is the PAD token, id 0.
        ids = []
        for token in text.split(" "):
            token_id = self._token_to_id.get(token)
            if token_id is None:
                raise SpecEncodingError(
                    f"token {token!r} of {text!r} is not in the DeepCoder "
                    f"vocabulary (integers must lie in "
                    f"[{self.config.min_int}, {self.config.max_int}])"
                )
            ids.append(token_id)
        return ids

    def decode_spec(self, ids: Sequence[int]) -> str:
        ids = np.asarray(ids)
        return " ".join(self._id_to_token[i] for i in ids[ids > self.eos_id].tolist())

    def parts_parse(self, parts) -> bool:
        try:
            for part in parts:
                dsl.ProgramState.from_str("x0 = " + part, self.config)
        except Exception:  # noqa: BLE001 - any parse failure makes it invalid.
            return False
        return True

    def advance_outputs(self, parts, targets, detect_invalid):
        del detect_invalid
        # The outputs never shrink; only an exact match ends the program.
        return True, list(targets), list(parts) == list(targets)

    def join_inputs(self, parts, current_inputs, variable_index, length):
        variable = dsl.variable_token(variable_index)
        rows = [
            self.encode_spec(
                " ".join([self.decode_spec(row), dsl.SEP, variable, "=", part]),
                length,
                add_eos=True,
            )
            for row, part in zip(current_inputs, parts, strict=True)
        ]
        return np.stack(rows)

    def num_inputs(self, inputs: Sequence[str]) -> int:
        return inputs[0].count(dsl.SEP) + 1

    def step_limit(self, num_inputs: int) -> int:
        # The state may never hold more than max_num_variables variables.
        return self.config.num_variables - num_inputs

    def initial_program(self, num_inputs: int) -> list[int]:
        ids: list[int] = []
        for index in range(num_inputs):
            if index:
                ids.append(self.sep_id)
            variable = dsl.variable_token(index)
            ids.extend(self._token_to_id[t] for t in (variable, "=", "INPUT"))
        return ids

    def part_prefix(self, variable_index: int) -> list[int]:
        variable = dsl.variable_token(variable_index)
        return [self.sep_id, self._token_to_id[variable], self._token_to_id["="]]

    def _parse(self, tokens: list[str]) -> DecodedProgram | None:
        try:
            program = dsl.Program.from_tokens(tokens, self.config)
            return DecodedProgram(program, str(program))
        except Exception:  # noqa: BLE001 - any failure means invalid.
            return None

    def _tokens(self, ids) -> list[str] | None:
        try:
            return [self._id_to_token[i] for i in ids]
        except IndexError:
            return None

    def decode_program(self, ids):
        # PAD and EOS are dropped but BOS is kept (it makes parsing fail).
        ids = np.asarray(ids)
        tokens = self._tokens(ids[(ids > 0) & (ids != self.eos_id)].tolist())
        return None if tokens is None else self._parse(tokens)

    def decode_baseline_program(self, ids):
        ids = [int(i) for i in ids]
        end = ids.index(self.eos_id) + 1 if self.eos_id in ids else 1
        special = (self.eos_id, self.bos_id)
        tokens = self._tokens([i for i in ids[:end] if i > 0 and i not in special])
        return None if tokens is None else self._parse(tokens)

    def run(self, program, inputs):
        return dsl.run_program_on_strings(program.program, list(inputs), self.config)

    def trace_key(self, program, inputs) -> str:
        if program is None:
            return "~".join("" for _ in inputs)
        traces = []
        for text in inputs:
            try:
                state = dsl.ProgramState.from_str(text, self.config)
                final = program.program.run(state.values)
                # A run stopped by an invalid value is "None", unlike a crash.
                traces.append(str(final))
            except Exception:  # noqa: BLE001 - as the original's bare except.
                traces.append("")
        return "~".join(traces)

    def parse_user_example(self, text_input, text_output):
        """Inputs: text such as `[1, 2, 3], 4` (or a state `x0 = [ 1 2 3 ]`)
        or a JSON list of input values; output: text or a JSON value."""
        values = _user_inputs(text_input)
        output = _user_value(text_output, "output")
        for what, value in [("input", v) for v in values] + [("output", output)]:
            if not dsl.is_valid_value(value, self.config):
                raise SpecEncodingError(
                    f"{what} value {value!r} is not a DeepCoder value (an int or "
                    f"a list of ints, each in [{self.config.min_int}, "
                    f"{self.config.max_int}])"
                )
        if not values or len(values) > self.config.num_variables - 1:
            raise SpecEncodingError(
                f"input {text_input!r}: expected 1 to "
                f"{self.config.num_variables - 1} input values, got {len(values)}"
            )
        state = " | ".join(
            f"{dsl.variable_token(i)} = {dsl.format_value(v)}"
            for i, v in enumerate(values)
        )
        return state, dsl.format_value(output)


def _user_value(value, what: str):
    """A Python value from user text (`[1, 2]`, `3`) or decoded JSON."""
    if not isinstance(value, str):
        return value
    try:
        return ast.literal_eval(value.strip())
    except (SyntaxError, ValueError):
        raise SpecEncodingError(
            f"{what} {value!r} is not an int, a list of ints, or a "
            f"comma-separated sequence of them"
        ) from None


def _user_inputs(value) -> tuple:
    """The input values of one example: text `[1, 2], 3`, a state, or a JSON list."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, str) and value.strip().startswith("x0"):
        try:
            return tuple(dsl.ProgramState.from_str(value.strip()).values)
        except DSLError as error:
            raise SpecEncodingError(f"input {value!r}: {error}") from None
    parsed = _user_value(value, "input")
    return parsed if isinstance(parsed, tuple) else (parsed,)
