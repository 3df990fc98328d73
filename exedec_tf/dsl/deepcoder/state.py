"""Program states: the ordered (variable, value) pairs of one I/O example.

Text form: `x0 = [ 3 1 2 ] | x1 = [ 4 2 3 ] | x2 = 9`.
"""

from collections.abc import Sequence
from typing import Any

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.values import (
    format_value,
    is_valid_value,
    parse_value,
    value_tokens,
)
from exedec_tf.dsl.deepcoder.variables import check_variable_token
from exedec_tf.dsl.errors import InternalError, ParseError, RunError


class ProgramState:
    """The values of a program's variables (inputs and computed) for one example.

    Inputs and computed variables are not distinguished. The values are not
    validated here (only `from_str` checks them).

    Attributes:
        values: The values, in variable order.
        variables: The variable tokens, same length as `values`.
    """

    __slots__ = ("values", "variables")

    def __init__(self, values: Sequence[Any], variables: Sequence[str]):
        """Creates a state; raises InternalError if the lengths differ."""
        self.values = list(values)
        self.variables = list(variables)
        if len(self.values) != len(self.variables):
            raise InternalError(
                f"state has {len(self.values)} values but "
                f"{len(self.variables)} variables"
            )

    @classmethod
    def _from_lists(cls, values: list, variables: list) -> "ProgramState":
        """Wraps lists the caller hands over (no copy, no check)."""
        state = cls.__new__(cls)
        state.values = values
        state.variables = variables
        return state

    @property
    def state(self) -> list:
        """The values (the original's name for them)."""
        return self.values

    def __len__(self) -> int:
        return len(self.values)

    def get_index(self, index: int) -> Any:
        """Returns the value at `index`; raises RunError if out of range."""
        if index < 0 or index >= len(self.values):
            raise RunError(f"invalid state index {index} for a state of {len(self)}")
        return self.values[index]

    def get_variable(self, token: str) -> Any:
        """Returns the value of a variable; raises RunError if it is not defined."""
        variables = self.variables
        # The last binding wins, should a state list a variable twice.
        for i in range(len(variables) - 1, -1, -1):
            if variables[i] == token:
                return self.values[i]
        raise RunError(
            f"variable {token!r} is not defined in a state with variables "
            f"{self.variables}"
        )

    def __eq__(self, other: Any) -> bool:
        return (
            isinstance(other, ProgramState)
            and self.values == other.values
            and self.variables == other.variables
        )

    __hash__ = None  # Mutable (add_result).

    def copy(self) -> "ProgramState":
        """Returns a copy whose lists can be extended independently."""
        return ProgramState._from_lists(list(self.values), list(self.variables))

    def add_result(self, value: Any, variable: str) -> None:
        """Appends (variable, value); raises RunError if the variable exists."""
        if variable in self.variables:
            raise RunError(
                f"cannot add variable {variable!r}: the state already has it "
                f"({self.variables})"
            )
        self.values.append(value)
        self.variables.append(variable)

    def get_output(self) -> Any:
        """Returns the value of the last variable."""
        return self.values[-1]

    def get_output_variable(self) -> str:
        """Returns the last variable."""
        return self.variables[-1]

    def tokenize(self) -> list[str]:
        """Returns the tokens, e.g. ['x0', '=', '2', '|', 'x1', '=', '[', ']']."""
        tokens = []
        for variable, value in zip(self.variables, self.values, strict=True):
            if tokens:
                tokens.append("|")
            tokens.append(variable)
            tokens.append("=")
            tokens.extend(value_tokens(value))
        return tokens

    def __str__(self) -> str:
        return " | ".join(
            f"{variable} = {format_value(value)}"
            for variable, value in zip(self.variables, self.values, strict=True)
        )

    def __repr__(self) -> str:
        return f"ProgramState({str(self)!r})"

    @classmethod
    def from_str(
        cls, text: str, config: DeepCoderConfig = DEFAULT_CONFIG
    ) -> "ProgramState":
        """Parses a state; whitespace is flexible (`x0=[1  2]|x1 = -3` is fine).

        Raises ParseError naming the bad piece: a piece without exactly one
        `=` (so the empty string fails), a bad or repeated variable token, or a
        value that is unparseable or invalid (including out of range).
        """
        values = []
        variables = []
        for piece in text.split("|"):
            piece = piece.strip()
            sides = piece.split("=")
            if len(sides) != 2:
                raise ParseError(f"expected exactly one '=' in state piece {piece!r}")
            variable = sides[0].strip()
            check_variable_token(variable, config)
            if variable in variables:
                raise ParseError(f"duplicate variable {variable!r} in state {text!r}")
            rhs = sides[1].strip()
            value = parse_value(rhs)
            if not is_valid_value(value, config):
                raise ParseError(f"invalid value {value!r} from text {rhs!r}")
            values.append(value)
            variables.append(variable)
        return cls._from_lists(values, variables)

    @classmethod
    def from_tokens(
        cls, tokens: Sequence[str], config: DeepCoderConfig = DEFAULT_CONFIG
    ) -> "ProgramState":
        """Parses a state from tokens (joined with spaces, then `from_str`)."""
        return cls.from_str(" ".join(tokens), config)
