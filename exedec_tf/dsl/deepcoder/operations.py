"""The 15 operations of the DeepCoder DSL and the groups used by the splits.

Each operation keeps its raw Python function (`func`, no validation, as exposed
to Python-rendered programs) and its declared argument and result types, which
drive the random generators. Declared types are never enforced: an ill-typed
call fails lazily with a TypeError (turned into RunError by `Operation.run`) or
gives an invalid result (None).
"""

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS, LambdaType
from exedec_tf.dsl.deepcoder.values import Value, is_valid_value
from exedec_tf.dsl.errors import RunError

ArgType = type | LambdaType


@dataclasses.dataclass(frozen=True, eq=False)
class Operation:
    """An operation such as `Head` or `ZipWith`.

    Attributes:
        token: DSL and vocabulary token, also the attribute name in the `dsl`
            namespace of Python-rendered programs.
        func: The raw Python function; it does not validate its result.
        arg_types: Declared argument types in order: `int`, `list`, or a
            `LambdaType` (only as the first argument of higher-order ops).
        result_type: Declared result type, `int` or `list`.
        arity: Number of arguments, the lambda included.
    """

    token: str
    func: Callable[..., Any]
    arg_types: tuple[ArgType, ...]
    result_type: type
    arity: int = dataclasses.field(init=False)

    is_higher_order = False

    def __post_init__(self):
        # A plain attribute rather than a property: parsing reads it often.
        object.__setattr__(self, "arity", len(self.arg_types))

    def run(
        self, args: Sequence[Any], config: DeepCoderConfig = DEFAULT_CONFIG
    ) -> Value | None:
        """Applies the operation; returns None if the result is not a valid value.

        `args` holds values and, for a higher-order op, a lambda's function
        first. Raises RunError for a wrong number of arguments or when the
        computation raises a TypeError (an ill-typed argument).
        """
        if len(args) != self.arity:
            raise RunError(
                f"operation {self.token} got {len(args)} arguments "
                f"but expects {self.arity}"
            )
        try:
            result = self.func(*args)
        except TypeError as e:
            raise RunError(
                f"TypeError when running {self.token} on {_describe(args)}: {e}"
            ) from e
        if not is_valid_value(result, config):
            return None
        return result

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.token})"


def _describe(args: Sequence[Any]) -> str:
    """Formats arguments for error messages, showing lambdas by their token."""
    return "[" + ", ".join(_FUNC_TO_TOKEN.get(id(a)) or repr(a) for a in args) + "]"


_FUNC_TO_TOKEN = {id(lam.func): lam.token for lam in LAMBDAS}


class FirstOrderOperation(Operation):
    """An operation on values only, like `Head` or `Reverse`."""


class HigherOrderOperation(Operation):
    """An operation whose first argument is a lambda, like `Map` or `ZipWith`."""

    is_higher_order = True


# The raw functions. Each failure mode matters: `len(xs)` raises a TypeError
# for an int argument even where a plain truth test would not, and Access
# compares `0 <= n` before calling `len(xs)`, so a negative index on an int
# gives None instead of an error.


def _head(xs):
    return xs[0] if len(xs) > 0 else None


def _last(xs):
    return xs[-1] if len(xs) > 0 else None


def _take(n, xs):
    # Plain slicing, negative counts included (Take -3 drops the last three).
    return xs[:n]


def _drop(n, xs):
    return xs[n:]


def _access(n, xs):
    # Unlike Python indexing, negative indices are out of range.
    return xs[n] if 0 <= n < len(xs) else None


def _minimum(xs):
    return min(xs) if len(xs) > 0 else None


def _maximum(xs):
    return max(xs) if len(xs) > 0 else None


def _reverse(xs):
    return list(reversed(xs))


def _sort(xs):
    return sorted(xs)


def _sum(xs):
    return sum(xs)


def _map(f, xs):
    return [f(x) for x in xs]


def _filter(f, xs):
    return [x for x in xs if f(x)]


def _count(f, xs):
    return len([x for x in xs if f(x)])


def _zip_with(f, xs, ys):
    return [f(x, y) for (x, y) in zip(xs, ys, strict=False)]


def _scanl1(f, xs):
    # f is only called from the second element on, so an ill-typed lambda
    # goes unnoticed on lists shorter than two.
    ys = []
    for i, x in enumerate(xs):
        ys.append(x if i == 0 else f(ys[-1], x))
    return ys


_INT_TO_INT = LambdaType((int,), int)
_INT_TO_BOOL = LambdaType((int,), bool)
_INTS_TO_INT = LambdaType((int, int), int)

FIRST_ORDER_OPERATIONS: tuple[FirstOrderOperation, ...] = (
    FirstOrderOperation("Head", _head, (list,), int),
    FirstOrderOperation("Last", _last, (list,), int),
    FirstOrderOperation("Take", _take, (int, list), list),
    FirstOrderOperation("Drop", _drop, (int, list), list),
    FirstOrderOperation("Access", _access, (int, list), int),
    FirstOrderOperation("Minimum", _minimum, (list,), int),
    FirstOrderOperation("Maximum", _maximum, (list,), int),
    FirstOrderOperation("Reverse", _reverse, (list,), list),
    FirstOrderOperation("Sort", _sort, (list,), list),
    FirstOrderOperation("Sum", _sum, (list,), int),
)

HIGHER_ORDER_OPERATIONS: tuple[HigherOrderOperation, ...] = (
    HigherOrderOperation("Map", _map, (_INT_TO_INT, list), list),
    HigherOrderOperation("Filter", _filter, (_INT_TO_BOOL, list), list),
    HigherOrderOperation("Count", _count, (_INT_TO_BOOL, list), int),
    HigherOrderOperation("ZipWith", _zip_with, (_INTS_TO_INT, list, list), list),
    HigherOrderOperation("Scanl1", _scanl1, (_INTS_TO_INT, list), list),
)

OPERATIONS: tuple[Operation, ...] = FIRST_ORDER_OPERATIONS + HIGHER_ORDER_OPERATIONS

TOKEN_TO_OPERATION: dict[str, Operation] = {op.token: op for op in OPERATIONS}

# Subsets used by the compositional generalization splits (order preserved).
OPERATIONS_ONLY_SCAN: tuple[Operation, ...] = (TOKEN_TO_OPERATION["Scanl1"],)
OPERATIONS_NO_SCAN: tuple[Operation, ...] = tuple(
    op for op in OPERATIONS if op.token != "Scanl1"
)
FIRST_ORDER_AND_MAP: tuple[Operation, ...] = FIRST_ORDER_OPERATIONS + (
    TOKEN_TO_OPERATION["Map"],
)
HIGHER_ORDER_NO_MAP: tuple[Operation, ...] = tuple(
    op for op in HIGHER_ORDER_OPERATIONS if op.token != "Map"
)
