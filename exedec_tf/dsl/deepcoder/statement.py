"""Statements: one assignment `xK = Op [lambda] args...` of a DeepCoder program."""

from collections.abc import Sequence
from typing import Any

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import TOKEN_TO_LAMBDA, Lambda
from exedec_tf.dsl.deepcoder.operations import TOKEN_TO_OPERATION, Operation
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.variables import (
    canonical_variable_set,
    variable_index_from_token,
)
from exedec_tf.dsl.errors import InternalError, ParseError, RunError

Arg = str | Lambda


class Statement:
    """An assignment of an operation's result to a variable.

    Attributes:
        variable: The left-hand-side variable token.
        operation: The operation.
        args: The arguments in order: variable tokens, and for a higher-order
            operation a `Lambda` first.
        config: Gives the valid integer range when running.
    """

    __slots__ = ("variable", "operation", "args", "config")

    def __init__(
        self,
        variable: str,
        operation: Operation,
        args: Sequence[Arg],
        config: DeepCoderConfig = DEFAULT_CONFIG,
    ):
        """Creates a statement; nothing is checked until it is run or printed."""
        self.variable = variable
        self.operation = operation
        self.args = tuple(args)
        self.config = config

    def run(self, initial_state: ProgramState) -> ProgramState | None:
        """Returns a new state with this statement's result appended.

        Returns None if the operation's result is not a valid value. Raises
        RunError if the variable already exists in the state, an argument
        variable does not, or an argument has the wrong type. The input state
        is not modified.
        """
        if self.variable in initial_state.variables:
            raise RunError(
                f"statement assigns {self.variable!r}, which the state already "
                f"has ({initial_state.variables})"
            )
        arg_values = []
        for arg in self.args:
            if isinstance(arg, str):
                arg_values.append(initial_state.get_variable(arg))
            elif isinstance(arg, Lambda):
                arg_values.append(arg.func)
            else:
                raise InternalError(f"unhandled argument {arg!r} in statement")
        result = self.operation.run(arg_values, self.config)
        if result is None:
            return None
        new_state = initial_state.copy()
        new_state.add_result(result, self.variable)
        return new_state

    def tokenize(self) -> list[str]:
        """Returns the tokens, e.g. ['x2', '=', 'Map', '(+1)', 'x0']."""
        tokens = [self.variable, "=", self.operation.token]
        for arg in self.args:
            if isinstance(arg, str):
                tokens.append(arg)
            elif isinstance(arg, Lambda):
                tokens.append(arg.token)
            else:
                raise InternalError(f"unhandled argument {arg!r} in statement")
        return tokens

    def __str__(self) -> str:
        return " ".join(self.tokenize())

    def __repr__(self) -> str:
        return f"Statement({str(self)!r})"

    def _key(self) -> tuple:
        return (self.variable, self.operation, self.args, self.config)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Statement) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    @classmethod
    def from_tokens(
        cls,
        tokens: Sequence[str],
        check_variable_name: bool = True,
        config: DeepCoderConfig = DEFAULT_CONFIG,
    ) -> "Statement":
        """Parses a statement; raises ParseError naming the problem.

        Checks where lambdas and variables appear and the arity, never their
        types. With `check_variable_name=False` the left-hand side may be any
        token (used for decoding `output = <RHS>` predictions).
        """
        return parse_statement_tokens(
            tokens, check_variable_name, config, canonical_variable_set(config)
        )

    @classmethod
    def from_str(
        cls,
        text: str,
        check_variable_name: bool = True,
        config: DeepCoderConfig = DEFAULT_CONFIG,
    ) -> "Statement":
        """Parses a statement from text split on single spaces."""
        return cls.from_tokens(text.split(" "), check_variable_name, config)


def parse_statement_tokens(
    tokens: Sequence[str],
    check_variable_name: bool,
    config: DeepCoderConfig,
    variable_names: frozenset[str],
) -> Statement:
    """Parses statement tokens (see `Statement.from_tokens`).

    `variable_names` is `canonical_variable_set(config)`, passed in so that a
    program parser looks it up once rather than per statement.
    """
    if len(tokens) < 4:
        raise ParseError(f"too few tokens for a statement: {list(tokens)}")
    variable = tokens[0]
    if check_variable_name and variable not in variable_names:
        variable_index_from_token(variable, config)
    if tokens[1] != "=":
        raise ParseError(f"second token must be '=', got {tokens[1]!r}")
    operation = TOKEN_TO_OPERATION.get(tokens[2])
    if operation is None:
        raise ParseError(f"unknown operation {tokens[2]!r}")
    higher_order = operation.is_higher_order
    args: list[Arg] = []
    for i, token in enumerate(tokens[3:]):
        lam = TOKEN_TO_LAMBDA.get(token)
        if lam is not None:
            if not higher_order or i > 0:
                raise ParseError(
                    f"unexpected lambda {token!r} at argument {i} of {operation.token}"
                )
            args.append(lam)
            continue
        if higher_order and i == 0:
            raise ParseError(
                f"expected a lambda as argument 0 of {operation.token}, got {token!r}"
            )
        if token == variable:
            raise ParseError(f"left-hand side {token!r} cannot be used as an argument")
        if token not in variable_names:
            variable_index_from_token(token, config)
        args.append(token)
    if len(args) != operation.arity:
        raise ParseError(
            f"{operation.token} takes {operation.arity} arguments, "
            f"got {len(args)}: {list(tokens)}"
        )
    return Statement(variable, operation, args, config)
