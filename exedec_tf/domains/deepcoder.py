"""The DeepCoder domain: list-manipulation programs over program-state strings."""

import types
from collections.abc import Sequence

from exedec_tf.domains.base import Domain
from exedec_tf.domains.records import Step
from exedec_tf.dsl import deepcoder as dsl
from exedec_tf.dsl.errors import RunError, UnknownTokenError


class DeepCoderDomain(Domain):
    """DeepCoder behind the Domain interface.

    Released encodings: a program is a DSL string with INPUT lines
    (`x0 = INPUT | x1 = Sort x0`), an input is a program-state string
    (`x0 = [ 3 1 2 ] | x1 = 4`) and an output is a value string (`[ 1 2 3 ]`).
    The specification and program vocabularies are the same 153-token table.

    Args:
      config: value limits of the DSL (the released data uses the default).
    """

    name = "deepcoder"
    spec_separator = " | "
    spec_tokens_are_characters = False
    program_text_is_ids = False
    # A program part is a statement `xK = RHS`; the models predict the RHS.
    program_part_prefix_tokens = 2
    default_num_examples = 3

    def __init__(self, config: dsl.DeepCoderConfig = dsl.DEFAULT_CONFIG):
        self.config = config
        vocab = dsl.get_vocabulary(config)
        self._vocab = types.MappingProxyType(dict(enumerate(vocab.id_to_token)))
        self._token_to_id = {t: i for i, t in enumerate(vocab.id_to_token)}
        self.pad_id, self.bos_id, self.eos_id = dsl.PAD_ID, dsl.BOS_ID, dsl.EOS_ID
        self.sep_id = dsl.SEP_ID

    @property
    def spec_vocab(self):
        return self._vocab

    @property
    def program_vocab(self):
        return self._vocab

    def parse_program(self, program: str) -> dsl.Program:
        """Parses a released program string (raises ParseError / RunError)."""
        if not isinstance(program, str):
            raise TypeError(f"program must be a str, got {type(program).__name__}")
        return dsl.Program.from_str(program, self.config)

    def run_program(self, program: str, inputs: Sequence[str]) -> list[str | None]:
        # As the original evaluation: an input state that does not parse, holds
        # an out-of-range value or does not fit the program is that example's
        # None; the other examples still run.
        return dsl.run_program_on_strings(
            self.parse_program(program), list(inputs), self.config
        )

    def program_to_ids(self, program: str) -> list[int]:
        # Validate first so a malformed program is reported as such.
        self.parse_program(program)
        return dsl.program_to_ids(program, self.config)

    def ids_to_program(self, ids: Sequence[int]) -> str | None:
        try:
            parsed = dsl.ids_to_program(list(ids), self.config)
        except UnknownTokenError:
            # The original raised here; the Domain contract is None for any
            # sequence that is not a program, the same in both domains.
            return None
        return None if parsed is None else str(parsed)

    def program_to_python(self, program: str, version: int = 1) -> str:
        return self.parse_program(program).to_python_program(version=version)

    def run_python_program(
        self, code: str, inputs: Sequence[str]
    ) -> list[str | None] | None:
        states = [dsl.ProgramState.from_str(text, self.config) for text in inputs]
        if not states:
            return []
        names = states[0].variables
        for i, state in enumerate(states):
            if state.variables != names:
                raise RunError(
                    f"input {i} has variables {state.variables}, input 0 has {names}"
                )
        by_name = {name: [s.values[k] for s in states] for k, name in enumerate(names)}
        results = dsl.run_python_program(code, by_name)
        if results is None:
            return None
        return [self._format_python_result(r) for r in results]

    def _format_python_result(self, value) -> str | None:
        # Raw Python results are unvalidated (the original compares them by
        # value), so only ints and int lists are rendered; range is not checked.
        if type(value) is int:
            return str(value)
        if isinstance(value, list) and all(type(v) is int for v in value):
            return dsl.format_value(value)
        return None

    def decompose(self, program: str, inputs: Sequence[str]) -> list[Step]:
        parsed = self.parse_program(program)
        values = [dsl.ProgramState.from_str(t, self.config).values for t in inputs]
        trace = dsl.execution_trace(parsed, values)
        if trace is None:
            raise RunError(f"program {program!r} fails on some of the inputs")
        outputs = tuple(trace[-1].next_part) if trace else ()
        return [Step(t.inputs, outputs, t.next_part, (), t.program_part) for t in trace]

    def program_part_ids(self, program_part: str) -> list[int]:
        rhs = program_part.split(" ", self.program_part_prefix_tokens)[-1]
        ids = []
        for token in rhs.split(" "):
            if token not in self._token_to_id:
                raise ValueError(
                    f"token {token!r} of program part {program_part!r} is not "
                    f"in the DeepCoder vocabulary"
                )
            ids.append(self._token_to_id[token])
        return ids

    def python_runtime(self):
        from exedec_tf.dsl.deepcoder.python_exec import dsl_namespace

        return dsl_namespace()

    def python_num_examples(self, inputs) -> int:
        if not isinstance(inputs, dict) or not inputs:
            raise ValueError(f"DeepCoder inputs must be a non-empty dict: {inputs!r}")
        lengths = {len(v) for v in inputs.values()}
        if len(lengths) != 1:
            raise ValueError(f"DeepCoder inputs differ in length: {inputs!r}")
        return lengths.pop()

    def python_call(self, inputs, index: int) -> tuple[str, dict]:
        call = f"program({', '.join(inputs)})"
        return call, {name: values[index] for name, values in inputs.items()}

    def llm_problem_values(self, inputs, outputs) -> tuple[dict, list]:
        """Released state and value strings -> (name -> values, output values)."""
        states = [dsl.ProgramState.from_str(s, self.config) for s in inputs]
        names = states[0].variables if states else []
        values = {n: [s.values[k] for s in states] for k, n in enumerate(names)}
        return values, [dsl.parse_value(o) for o in outputs]

    def prompt_adapter(self):
        from exedec_tf.domains.deepcoder_prompts import DeepCoderPromptAdapter

        return DeepCoderPromptAdapter()

    def loop_ops(self):
        from exedec_tf.domains.loop_ops_deepcoder import DeepCoderLoopOps

        return DeepCoderLoopOps(self.config)

    def llm_problem_io(self, problem) -> tuple[list[str], list[str]]:
        """Converts an `llm_data` problem to released (input state, output) strings."""
        names = list(problem.inputs)
        num_examples = len(problem.outputs)
        inputs = [
            " | ".join(
                f"{name} = {dsl.format_value(problem.inputs[name][i])}"
                for name in names
            )
            for i in range(num_examples)
        ]
        outputs = [dsl.format_value(v) for v in problem.outputs]
        return inputs, outputs
