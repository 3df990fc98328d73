"""The `Domain` interface: everything the rest of ExeDec needs to know about a DSL.

Pipelines, the ExeDec loop, the LLM harness and the CLI talk to a Domain and
never branch on the domain name. Programs and specifications cross this
interface in the released string encodings (the `program`, `inputs` and
`outputs` fields of the released `test_data` rows).
"""

import abc
from collections.abc import Mapping, Sequence


class Domain(abc.ABC):
    """A programming-by-example domain (a DSL plus its vocabularies).

    Attributes:
      name: the domain name used in file names and flags ("deepcoder", ...).
      spec_vocab: id -> token mapping of the input/output (specification)
        vocabulary, with the original ids.
      program_vocab: id -> token mapping of the program vocabulary, with the
        original ids.
      pad_id, bos_id, eos_id: special ids shared by both vocabularies.
      spec_separator: joins the examples' spec strings (or a step's subgoal
        parts) into one spec sequence: "|" (RobustFill), " | " (DeepCoder).
      spec_tokens_are_characters: spec strings are tokenised per character
        (True) or per space-separated word (False).
      program_text_is_ids: released program strings are `|`-joined lists of
        program ids (True) or program-token text (False).
      program_part_prefix_tokens: leading tokens of a step's program part that
        the models do not predict (DeepCoder's `xK =`: 2).
      default_num_examples: I/O examples per generated task.
    """

    name: str
    pad_id: int = 0
    bos_id: int = 1
    eos_id: int = 2
    spec_separator: str
    spec_tokens_are_characters: bool
    program_text_is_ids: bool
    program_part_prefix_tokens: int = 0
    default_num_examples: int

    @property
    @abc.abstractmethod
    def spec_vocab(self) -> Mapping[int, object]:
        """Id -> token mapping of the specification vocabulary."""

    @property
    @abc.abstractmethod
    def program_vocab(self) -> Mapping[int, object]:
        """Id -> token mapping of the program vocabulary."""

    @abc.abstractmethod
    def run_program(self, program: str, inputs: Sequence[str]) -> list[str | None]:
        """Runs `program` on each input; returns the outputs as released strings.

        Args:
          program: a program in the released string form.
          inputs: one input per example, in the released string form.

        Returns:
          One output string per input, or None where the program fails on that
          input, as in the original evaluation: an execution error, an invalid
          result, or an input that does not parse, holds an out-of-range value
          or does not fit the program (for example the wrong number of input
          variables). The other inputs still run.

        Raises:
          exedec_tf.dsl.errors.ParseError: the program is malformed (unknown
            token, bad syntax).
          exedec_tf.dsl.errors.RunError: the program cannot be built (for
            example a DeepCoder variable assigned twice).
        """

    @abc.abstractmethod
    def program_to_ids(self, program: str) -> list[int]:
        """Encodes a released program string as program-vocabulary ids plus EOS."""

    @abc.abstractmethod
    def ids_to_program(self, ids: Sequence[int]) -> str | None:
        """Decodes predicted ids to a released program string, or None if malformed.

        Follows the original decoder: padding and EOS ids are dropped; any
        failure to decode gives None rather than an exception.
        """

    @abc.abstractmethod
    def program_to_python(self, program: str, version: int = 1) -> str:
        """Renders a released program string as Python source (`def program(...)`)."""

    @abc.abstractmethod
    def run_python_program(
        self, code: str, inputs: Sequence[str]
    ) -> list[str | None] | None:
        """Executes Python source from `program_to_python` on released inputs.

        Args:
          code: Python source defining `program(...)`.
          inputs: one input per example, in the released string form.

        Returns:
          None if the code cannot be defined; else one output per example in
          the released string form, None where the call raised or returned
          something that is not a value of the domain.
        """

    @abc.abstractmethod
    def decompose(self, program: str, inputs: Sequence[str]) -> list:
        """The ExeDec decomposition of a task into per-step subproblems.

        Returns one `exedec_tf.domains.records.Step` per statement /
        top-level expression, with the step inputs, remaining outputs, next
        part (subgoal) and program part in the released encodings. The
        `corrupted_next_part` field is left empty: corruption is random and
        belongs to the generators.

        Raises:
          exedec_tf.dsl.errors.RunError: the program fails on some input.
        """

    @abc.abstractmethod
    def llm_problem_io(self, problem) -> tuple[list[str], list[str]]:
        """Converts an `llm_data` problem to released (input, output) strings.

        The result can be passed to `run_program` and compared with its output.
        """

    def spec_text_tokens(self) -> dict[str, int]:
        """Token -> id of the tokens a spec string splits into (the tokenizer's table).

        The padding token (the empty string) is left out; a domain whose
        tokens are characters also leaves out its multi-character specials.
        """
        return {t: i for i, t in self.spec_vocab.items() if isinstance(t, str) and t}

    @abc.abstractmethod
    def program_part_ids(self, program_part: str) -> list[int]:
        """The ids a model predicts for a step's `program_part` (no EOS).

        Raises:
          ValueError: a token is not in the program vocabulary.
        """

    @abc.abstractmethod
    def python_runtime(self):
        """A fresh `dsl` object: what Python-rendered programs call."""

    @abc.abstractmethod
    def python_num_examples(self, inputs) -> int:
        """The number of examples in Python-form (`llm_data`) inputs.

        Raises:
          ValueError: the inputs do not have the domain's shape.
        """

    @abc.abstractmethod
    def python_call(self, inputs, index: int) -> tuple[str, dict]:
        """The call expression and variable bindings of example `index`.

        Evaluating the expression with the bindings added to a namespace that
        defines `program` runs the program on that example.
        """

    @abc.abstractmethod
    def llm_problem_values(
        self, inputs: Sequence[str], outputs: Sequence[str]
    ) -> tuple[object, list]:
        """The inverse of `llm_problem_io`: released strings -> `llm_data` values."""

    def prompt_adapter(self):
        """The LLM prompt pieces of this domain (`domains.prompt_adapter`)."""
        raise NotImplementedError(f"{self.name} has no LLM prompt adapter")

    def loop_ops(self):
        """The ExeDec loop helpers of this domain (`exedec_tf.domains.loop_ops`)."""
        raise NotImplementedError(f"{self.name} has no ExeDec loop helpers")

    def describe_program(self, program: str) -> str:
        """A human-readable form of a released program string (for logs and demos)."""
        return program

    def __repr__(self) -> str:
        return f"<Domain {self.name}>"
