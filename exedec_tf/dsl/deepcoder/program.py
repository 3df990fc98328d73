"""Whole DeepCoder programs: `x0 = INPUT | x1 = Map (+1) x0 | x2 = Sum x1`.

A program is compiled once, at construction, into a flat list of steps over a
plain list of values (see `fast_steps`); the `Statement` objects are kept for
printing, traces and the Python renderings.
"""

from collections.abc import Sequence
from typing import Any

from exedec_tf.dsl.deepcoder import fast_steps
from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import Lambda
from exedec_tf.dsl.deepcoder.python_render import to_python_program
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.statement import Statement, parse_statement_tokens
from exedec_tf.dsl.deepcoder.values import Value, is_valid_value
from exedec_tf.dsl.deepcoder.variables import (
    canonical_variable_set,
    variable_index_from_token,
)
from exedec_tf.dsl.errors import InternalError, ParseError, RunError


class Program:
    """A DeepCoder program: input variables, then statements.

    Attributes:
        input_variables: Input variable tokens, in declaration order.
        statements: The statements, in execution order.
        num_inputs: Number of input variables.
        config: Gives the valid integer range when running.
    """

    __slots__ = (
        "input_variables",
        "statements",
        "num_inputs",
        "config",
        "_fast_steps",
        "_checked_steps",
        "_max_int",
        "_variables",
    )

    def __init__(
        self,
        input_variables: Sequence[str],
        statements: Sequence[Statement],
        config: DeepCoderConfig = DEFAULT_CONFIG,
    ):
        """Creates a program.

        Raises RunError (not ParseError, as in the original) if a variable
        token occurs twice among the inputs and left-hand sides, and ValueError
        if a statement was built with a different config.
        """
        self.input_variables = tuple(input_variables)
        self.statements = tuple(statements)
        self.num_inputs = len(self.input_variables)
        self.config = config
        self._max_int = config.max_int
        variables = self.get_variables()
        self._variables = tuple(variables)
        if len(set(variables)) != len(variables):
            duplicates = sorted({v for v in variables if variables.count(v) > 1})
            raise RunError(f"variables {duplicates} are assigned more than once")
        for statement in self.statements:
            if statement.config is not config and statement.config != config:
                raise ValueError(
                    f"statement {statement} has config {statement.config}, "
                    f"program has {config}"
                )
        self._fast_steps = self._compile(fast=True)
        self._checked_steps = None  # Only needed for invalid inputs; lazy.

    def get_variables(self) -> list[str]:
        """Returns the input variables followed by the statements' variables."""
        return list(self.input_variables) + [s.variable for s in self.statements]

    def _compile(self, fast: bool) -> list:
        """Returns one step per statement (see `fast_steps`).

        Variable arguments become positions in the value list. A reference to
        a variable that is not defined before the statement, or a malformed
        argument, becomes a step that raises when reached, because the
        original only fails when it runs that statement.
        """
        positions = {v: i for i, v in enumerate(self.input_variables)}
        steps = []
        for statement in self.statements:
            steps.append(self._compile_statement(statement, positions, fast))
            positions[statement.variable] = len(positions)
        return steps

    def _compile_statement(
        self, statement: Statement, positions: dict[str, int], fast: bool
    ) -> fast_steps.Step:
        sources = []
        for arg in statement.args:
            if isinstance(arg, str):
                if arg not in positions:
                    return _raising_step(
                        RunError,
                        f"variable {arg!r} is not defined before the statement "
                        f"assigning {statement.variable!r}",
                    )
                sources.append((positions[arg], None))
            elif isinstance(arg, Lambda):
                sources.append((None, arg.func))
            else:
                return _raising_step(
                    InternalError, f"unhandled argument {arg!r} in statement"
                )
        if fast:
            slots = [slot for slot, _ in sources if slot is not None]
            num_lambdas = len(sources) - len(slots)
            # Only the usual shapes have fast steps: no lambda, or a lambda first.
            lam = statement.args[0] if num_lambdas == 1 else None
            if num_lambdas == 0 or isinstance(lam, Lambda):
                step = fast_steps.fast_step(
                    statement.operation, lam, slots, self.config
                )
                if step is not None:
                    return step
        return fast_steps.generic_step(
            statement.operation, sources, self.config, str(statement)
        )

    def _run_values(self, inputs: Sequence[Value]) -> list | None:
        """Runs the program; returns all variable values, or None on failure."""
        if len(inputs) != self.num_inputs:
            raise RunError(f"program takes {self.num_inputs} inputs, got {len(inputs)}")
        values = list(inputs)
        steps = self._fast_steps
        max_int = self._max_int
        for value in values:
            # The fast steps rely on valid inputs; inline the common int case.
            if type(value) is int:
                if not -max_int <= value <= max_int:
                    steps = self._get_checked_steps()
                    break
            elif not is_valid_value(value, self.config):
                steps = self._get_checked_steps()
                break
        try:
            for step in steps:
                result = step(values)
                if result is None:
                    return None
                values.append(result)
        except TypeError as e:
            # Only the fast steps let a TypeError escape; name the statement.
            statement = self.statements[len(values) - self.num_inputs]
            raise RunError(f"TypeError when running {statement}: {e}") from e
        return values

    def _get_checked_steps(self) -> list:
        if self._checked_steps is None:
            self._checked_steps = self._compile(fast=False)
        return self._checked_steps

    def run(self, inputs: Sequence[Value]) -> ProgramState | None:
        """Runs the program on one example's input values (in input order).

        Returns the final state (inputs and every computed variable), or None
        as soon as a statement gives an invalid result. Raises RunError for a
        wrong number of inputs, an undefined variable or an ill-typed argument.
        The input values themselves are not validated.
        """
        values = self._run_values(inputs)
        if values is None:
            return None
        return ProgramState._from_lists(values, list(self._variables))

    def run_output(self, inputs: Sequence[Value]) -> Value | None:
        """Like `run`, but returns only the output (last variable's value)."""
        values = self._run_values(inputs)
        if values is None:
            return None
        return values[-1]

    def __len__(self) -> int:
        """Returns the number of statements (inputs are not counted)."""
        return len(self.statements)

    def tokenize(self) -> list[str]:
        """Returns the tokens: input lines, then statements, separated by `|`."""
        tokens: list[str] = []
        for variable in self.input_variables:
            if tokens:
                tokens.append("|")
            tokens.extend((variable, "=", "INPUT"))
        for statement in self.statements:
            if tokens:
                tokens.append("|")
            tokens.extend(statement.tokenize())
        return tokens

    def __str__(self) -> str:
        return " ".join(self.tokenize())

    def __repr__(self) -> str:
        return f"Program({str(self)!r})"

    def __eq__(self, other: Any) -> bool:
        return (
            isinstance(other, Program)
            and self.input_variables == other.input_variables
            and self.statements == other.statements
            and self.config == other.config
        )

    def __hash__(self) -> int:
        return hash((self.input_variables, self.statements, self.config))

    def to_python_program(self, name: str = "program", version: int = 1) -> str:
        """Returns the program as Python source (see `python_render`)."""
        return to_python_program(self, name=name, version=version)

    @classmethod
    def from_tokens(
        cls, tokens: Sequence[str], config: DeepCoderConfig = DEFAULT_CONFIG
    ) -> "Program":
        """Parses a program from tokens; raises ParseError naming the problem.

        Lines are separated by `|` tokens; a trailing empty line is tolerated,
        any other empty line is an error. Input lines `var = INPUT` must come
        before all statements. A duplicated variable raises RunError.
        """
        lines = []
        line: list[str] = []
        for token in tokens:
            if token == "|":
                lines.append(line)
                line = []
            else:
                line.append(token)
        if line:
            lines.append(line)
        return cls._from_lines(lines, config)

    @classmethod
    def _from_lines(
        cls, lines: Sequence[Sequence[str]], config: DeepCoderConfig
    ) -> "Program":
        """Parses a program from its lines (token lists without the `|`)."""
        variable_names = canonical_variable_set(config)
        input_variables = []
        statements = []
        for line in lines:
            if not line:
                raise ParseError("empty line in program")
            if line[-1] == "INPUT":
                if statements:
                    raise ParseError(f"input line {list(line)} after a statement")
                if line[0] not in variable_names:
                    variable_index_from_token(line[0], config)
                if len(line) != 3 or line[1] != "=":
                    raise ParseError(f"malformed input line {list(line)}")
                input_variables.append(line[0])
            else:
                statements.append(
                    parse_statement_tokens(line, True, config, variable_names)
                )
        return cls(input_variables, statements, config)

    @classmethod
    def from_str(cls, text: str, config: DeepCoderConfig = DEFAULT_CONFIG) -> "Program":
        """Parses a program from text split on single spaces."""
        pieces = text.split(" | ")
        for piece in pieces:
            if "|" in piece:
                # A `|` token not surrounded by single spaces: leading,
                # trailing or doubled separators need the token-level rules.
                return cls.from_tokens(text.split(" "), config)
        # Every `|` token was a " | " match, so each piece is exactly one line.
        return cls._from_lines([piece.split(" ") for piece in pieces], config)


def _raising_step(error_class: type, message: str) -> fast_steps.Step:
    def step(values):
        raise error_class(message)

    return step
