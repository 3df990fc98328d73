"""The 19 lambda functions of the DeepCoder DSL, in vocabulary order."""

import dataclasses
from collections.abc import Callable
from typing import Any, NamedTuple


class LambdaType(NamedTuple):
    """Declared type of a lambda: argument types and result type.

    For example `LambdaType((int,), bool)` is a predicate on one int.
    """

    arg_types: tuple[type, ...]
    result_type: type


@dataclasses.dataclass(frozen=True, eq=False)
class Lambda:
    """A lambda such as `(+1)` or `(min)`; only usable as a higher-order argument.

    Attributes:
        token: DSL and vocabulary token, e.g. '(*(-1))'.
        name: Identifier in Python renderings (`dsl.NAME`), e.g. 'NEGATE'.
        func: The raw Python function (unbounded integer arithmetic).
        arg_types: Declared argument types, `(int,)` or `(int, int)`.
        result_type: Declared result type, `int` or `bool`.
        python_expr: Inline Python expression over `x` (and `y`), used by the
            "Pythonic" rendering, e.g. 'x // 2'.
    """

    token: str
    name: str
    func: Callable[..., Any]
    arg_types: tuple[type, ...]
    result_type: type
    python_expr: str

    @property
    def arity(self) -> int:
        """Number of arguments the lambda takes (1 or 2)."""
        return len(self.arg_types)

    @property
    def type(self) -> LambdaType:
        """The declared type, comparable with an operation's lambda argument type."""
        return LambdaType(self.arg_types, self.result_type)

    def __repr__(self) -> str:
        return f"Lambda({self.token})"


_UNARY = (int,)
_BINARY = (int, int)

# Semantics follow Appendix F of the DeepCoder paper with Python integers:
# `//` and `%` floor towards negative infinity, so (/2) of -3 is -2 and
# (%2==1) holds for negative odd numbers too.
LAMBDAS: tuple[Lambda, ...] = (
    Lambda("(+1)", "PLUS_ONE", lambda x: x + 1, _UNARY, int, "x + 1"),
    Lambda("(-1)", "MINUS_ONE", lambda x: x - 1, _UNARY, int, "x - 1"),
    Lambda("(*2)", "TIMES_TWO", lambda x: x * 2, _UNARY, int, "x * 2"),
    Lambda("(/2)", "DIV_TWO", lambda x: x // 2, _UNARY, int, "x // 2"),
    Lambda("(*(-1))", "NEGATE", lambda x: -x, _UNARY, int, "-x"),
    Lambda("(**2)", "SQUARE", lambda x: x**2, _UNARY, int, "x ** 2"),
    Lambda("(*3)", "TIMES_THREE", lambda x: x * 3, _UNARY, int, "x * 3"),
    Lambda("(/3)", "DIV_THREE", lambda x: x // 3, _UNARY, int, "x // 3"),
    Lambda("(*4)", "TIMES_FOUR", lambda x: x * 4, _UNARY, int, "x * 4"),
    Lambda("(/4)", "DIV_FOUR", lambda x: x // 4, _UNARY, int, "x // 4"),
    Lambda("(>0)", "IS_POSITIVE", lambda x: x > 0, _UNARY, bool, "x > 0"),
    Lambda("(<0)", "IS_NEGATIVE", lambda x: x < 0, _UNARY, bool, "x < 0"),
    Lambda("(%2==0)", "IS_EVEN", lambda x: x % 2 == 0, _UNARY, bool, "x % 2 == 0"),
    Lambda("(%2==1)", "IS_ODD", lambda x: x % 2 == 1, _UNARY, bool, "x % 2 == 1"),
    Lambda("(+)", "ADD", lambda x, y: x + y, _BINARY, int, "x + y"),
    Lambda("(-)", "SUBTRACT", lambda x, y: x - y, _BINARY, int, "x - y"),
    Lambda("(*)", "MULTIPLY", lambda x, y: x * y, _BINARY, int, "x * y"),
    Lambda("(min)", "MIN", lambda x, y: min(x, y), _BINARY, int, "min(x, y)"),
    Lambda("(max)", "MAX", lambda x, y: max(x, y), _BINARY, int, "max(x, y)"),
)

TOKEN_TO_LAMBDA: dict[str, Lambda] = {lam.token: lam for lam in LAMBDAS}
NAME_TO_LAMBDA: dict[str, Lambda] = {lam.name: lam for lam in LAMBDAS}

# Used by the ADD_OP_FUNCTIONALITY generalization split.
LAMBDAS_ONLY_MINUS_MIN: tuple[Lambda, ...] = (
    TOKEN_TO_LAMBDA["(-)"],
    TOKEN_TO_LAMBDA["(min)"],
)
