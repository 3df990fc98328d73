"""The RobustFill domain: string-transformation programs over raw strings."""

from collections.abc import Sequence

from exedec_tf.domains.base import Domain
from exedec_tf.domains.records import Step
from exedec_tf.dsl import robustfill as dsl
from exedec_tf.dsl.errors import RunError


class RobustFillDomain(Domain):
    """RobustFill behind the Domain interface.

    Released encodings: a program is `|`-joined per-expression id lists
    (`5 216 218|4 83`), inputs and outputs are raw strings. The specification
    vocabulary has 87 character ids (0 = padding, 86 = the `|` separator); the
    program vocabulary has ids 1..315 (0 is padding and has no token).
    """

    name = "robustfill"
    pad_id = dsl.PAD_ID
    bos_id = dsl.BOS_ID
    eos_id = dsl.EOS_ID
    sep_id = dsl.SEPARATOR_ID
    spec_separator = "|"
    spec_tokens_are_characters = True
    program_text_is_ids = True
    default_num_examples = 4

    @property
    def spec_vocab(self):
        return dsl.SPEC_ID_TO_TOKEN

    @property
    def program_vocab(self):
        return dsl.PROGRAM_ID_TO_TOKEN

    def parse_program(self, program: str) -> dsl.Concat:
        """Parses a released program string (raises ParseError naming the bad id)."""
        if not isinstance(program, str):
            raise TypeError(f"program must be a str, got {type(program).__name__}")
        return dsl.parse_program_string(program)

    def run_program(self, program: str, inputs: Sequence[str]) -> list[str | None]:
        # Any input is run, as in the original (a Const ignores it); one that
        # makes the program fail is that example's None.
        return dsl.run_program(self.parse_program(program), inputs)

    def program_to_ids(self, program: str) -> list[int]:
        self.parse_program(program)
        return dsl.program_string_to_ids(program)

    def ids_to_program(self, ids: Sequence[int]) -> str | None:
        parsed = dsl.ids_to_program(list(ids))
        if parsed is None:
            return None
        try:
            return dsl.program_to_string(parsed)
        except Exception:  # noqa: BLE001 - e.g. a nested Compose of raw tokens.
            return None

    def program_to_python(self, program: str, version: int = 1) -> str:
        return dsl.to_python(self.parse_program(program), version=version)

    def run_python_program(
        self, code: str, inputs: Sequence[str]
    ) -> list[str | None] | None:
        results = dsl.run_python_program(code, list(inputs))
        if results is None:
            return None
        return [r if isinstance(r, str) else None for r in results]

    def describe_program(self, program: str) -> str:
        return self.parse_program(program).to_string()

    def decompose(self, program: str, inputs: Sequence[str]) -> list[Step]:
        parsed = self.parse_program(program)
        inputs = tuple(inputs)
        # parts[e][j]: output of expression e on example j.
        parts = []
        for expression in parsed.expressions:
            try:
                parts.append([expression.run(x) for x in inputs])
            except RunError as e:
                raise RunError(f"program {program!r} fails: {e}") from e
        steps = []
        for e, expression in enumerate(parsed.expressions):
            remaining = tuple(
                "".join(p[j] for p in parts[e:]) for j in range(len(inputs))
            )
            ids = dsl.encode_expression(expression)
            steps.append(
                Step(inputs, remaining, tuple(parts[e]), (), " ".join(map(str, ids)))
            )
        return steps

    def spec_text_tokens(self) -> dict[str, int]:
        # The spec vocabulary is per character; BOS/EOS are never in text.
        return {t: i for t, i in super().spec_text_tokens().items() if len(t) == 1}

    def program_part_ids(self, program_part: str) -> list[int]:
        try:
            return [int(i) for i in program_part.split()]
        except ValueError:
            raise ValueError(
                f"program part {program_part!r} is not a list of ids"
            ) from None

    def python_runtime(self):
        from exedec_tf.dsl.robustfill.python_render import make_runtime

        return make_runtime()

    def python_num_examples(self, inputs) -> int:
        if not isinstance(inputs, list):
            raise ValueError(f"RobustFill inputs must be a list: {inputs!r}")
        return len(inputs)

    def python_call(self, inputs, index: int) -> tuple[str, dict]:
        return "program(x)", {"x": inputs[index]}

    def llm_problem_values(self, inputs, outputs) -> tuple[list, list]:
        """Released strings are already the `llm_data` values."""
        return list(inputs), list(outputs)

    def prompt_adapter(self):
        from exedec_tf.domains.robustfill_prompts import RobustFillPromptAdapter

        return RobustFillPromptAdapter()

    def loop_ops(self):
        from exedec_tf.domains.loop_ops_robustfill import RobustFillLoopOps

        return RobustFillLoopOps()

    def llm_problem_io(self, problem) -> tuple[list[str], list[str]]:
        """Returns an `llm_data` problem's inputs and outputs (already strings)."""
        return list(problem.inputs), list(problem.outputs)
