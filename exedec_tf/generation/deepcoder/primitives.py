"""Well-typed (operation, lambda) primitives applied to whole value columns.

The generator only ever builds well-typed statements, so each candidate is an
operation plus, for a higher-order operation, one lambda of the matching
signature: 38 "primitives" in all. A primitive is applied to *columns*: one
value per I/O example, with lists stored as tuples so that a column is
hashable. Two variables hold the same column exactly when the original's
per-example Python equality (or its `str` keys) says they are the same, so
columns serve as keys for redundancy, duplicate and equivalence checks.

The column functions are built from C-implemented pieces (`map`, `filter`,
`accumulate`, bound int methods) because the search evaluates millions of
candidate statements; they agree with `Operation.run` on valid well-typed
arguments (tested), returning None where any example's result is invalid.
"""

import itertools
import operator
from collections.abc import Callable
from typing import NamedTuple

from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS, Lambda
from exedec_tf.dsl.deepcoder.operations import (
    FIRST_ORDER_AND_MAP,
    HIGHER_ORDER_NO_MAP,
    OPERATIONS,
    Operation,
)

Column = tuple
ColumnFn = Callable[..., Column | None]

# Feature bits of a primitive, used by the test-distribution keep filters.
FEATURE_FIRST_ORDER_AND_MAP = 1
FEATURE_HIGHER_ORDER_NO_MAP = 2
FEATURE_SCANL1 = 4
FEATURE_SCANL1_NEW = 8  # Scanl1 with (+), (*) or (max): ADD_OP_FUNCTIONALITY.

_SCANL1_NEW_LAMBDAS = ("(+)", "(*)", "(max)")
_COMMUTATIVE_LAMBDAS = ("(+)", "(*)", "(min)", "(max)")


class Primitive(NamedTuple):
    """An operation with its lambda (if higher-order), ready to apply to columns.

    Attributes:
      index: Position in `primitives()`.
      operation: The DSL operation.
      lam: The lambda argument of a higher-order operation, else None.
      arg_types: Types (`int` / `list`) of the variable arguments, in order.
      result_type: `int` or `list`.
      features: Bit set of the FEATURE_* flags.
      apply: Maps the argument columns to the result column, or None if the
        result is invalid in some example.
      commutative: Whether swapping the two arguments gives the same result
        (ZipWith with (+), (*), (min) or (max)), so results can be shared.
    """

    index: int
    operation: Operation
    lam: Lambda | None
    arg_types: tuple[type, ...]
    result_type: type
    features: int
    apply: ColumnFn
    commutative: bool = False

    @property
    def arity(self) -> int:
        """Number of variable arguments (1 or 2)."""
        return len(self.arg_types)


# Bound methods compute the lambdas in C; on ints they equal the DSL lambdas.
_UNARY = {
    "(+1)": (1).__add__,
    "(-1)": (-1).__add__,
    "(*2)": (2).__mul__,
    "(/2)": (2).__rfloordiv__,
    "(*(-1))": operator.neg,
    "(**2)": (2).__rpow__,
    "(*3)": (3).__mul__,
    "(/3)": (3).__rfloordiv__,
    "(*4)": (4).__mul__,
    "(/4)": (4).__rfloordiv__,
}
# Predicate -> (callable with the same truth value, keep the false ones?).
_PREDICATES = {
    "(>0)": ((0).__lt__, False),
    "(<0)": ((0).__gt__, False),
    "(%2==0)": ((1).__and__, True),
    "(%2==1)": ((1).__and__, False),
}
_BINARY = {
    "(+)": operator.add,
    "(-)": operator.sub,
    "(*)": operator.mul,
    "(min)": min,
    "(max)": max,
}
# Lambdas mapping [-M, M] into itself: their results need no range check.
_RANGE_PRESERVING = frozenset(["(/2)", "(/3)", "(/4)", "(*(-1))", "(min)", "(max)"])

_repeat = itertools.repeat
_chain = itertools.chain.from_iterable
_first = operator.itemgetter(0)
_last = operator.itemgetter(-1)
_reversed = operator.itemgetter(slice(None, None, -1))
_getitem = operator.getitem


def _first_order(token: str, lo: int, hi: int) -> ColumnFn:
    """Returns the column function of a first-order operation."""
    if token == "Head":
        return lambda c: tuple(map(_first, c)) if all(c) else None
    if token == "Last":
        return lambda c: tuple(map(_last, c)) if all(c) else None
    if token == "Minimum":
        return lambda c: tuple(map(min, c)) if all(c) else None
    if token == "Maximum":
        return lambda c: tuple(map(max, c)) if all(c) else None
    if token == "Reverse":
        return lambda c: tuple(map(_reversed, c))
    if token == "Sort":
        return lambda c: tuple(map(tuple, map(sorted, c)))
    if token == "Take":
        # slice(n) is [:n]; negative counts behave as Python slicing, as in DSL.
        return lambda n, c: tuple(map(_getitem, c, map(slice, n)))
    if token == "Drop":
        return lambda n, c: tuple(map(_getitem, c, map(slice, n, _repeat(None))))
    if token == "Access":

        def access(n, c):
            out = []
            for i, xs in zip(n, c, strict=True):
                # Negative indices are out of range in the DSL.
                if i < 0 or i >= len(xs):
                    return None
                out.append(xs[i])
            return tuple(out)

        return access
    if token == "Sum":

        def total(c):
            out = tuple(map(sum, c))
            return out if lo <= min(out) and max(out) <= hi else None

        return total
    raise ValueError(f"unknown first-order operation {token!r}")


def _higher_order(token: str, lam: str, lo: int, hi: int) -> ColumnFn:
    """Returns the column function of a higher-order operation with a lambda.

    Map, ZipWith and Scanl1 results are range-checked (all elements of all
    examples at once) unless the lambda cannot leave the range; the check is
    written out in each function to save a call on this hot path.
    """
    checked = lam not in _RANGE_PRESERVING
    if token == "Map":
        f = _UNARY[lam]

        def map_(c):
            out = tuple(map(tuple, map(map, _repeat(f), c)))
            if checked:
                flat = tuple(_chain(out))
                if flat and (min(flat) < lo or max(flat) > hi):
                    return None
            return out

        return map_
    if token in ("Filter", "Count"):
        predicate, negate = _PREDICATES[lam]
        keep = itertools.filterfalse if negate else filter
        if token == "Filter":
            return lambda c: tuple(map(tuple, map(keep, _repeat(predicate), c)))

        def count(c):
            # Lists have no length limit, so a count may exceed max_int.
            out = tuple(map(len, map(tuple, map(keep, _repeat(predicate), c))))
            return out if max(out) <= hi else None

        return count
    if token == "ZipWith":
        f = _BINARY[lam]

        def zip_with(c1, c2):
            # map() over two lists stops at the shorter one, like zip().
            out = tuple(map(tuple, map(map, _repeat(f), c1, c2)))
            if checked:
                flat = tuple(_chain(out))
                if flat and (min(flat) < lo or max(flat) > hi):
                    return None
            return out

        return zip_with
    if token == "Scanl1":
        f = _BINARY[lam]

        def scanl1(c):
            # accumulate() yields xs[0], then f(previous, x): exactly Scanl1.
            out = tuple(map(tuple, map(itertools.accumulate, c, _repeat(f))))
            if checked:
                flat = tuple(_chain(out))
                if flat and (min(flat) < lo or max(flat) > hi):
                    return None
            return out

        return scanl1
    raise ValueError(f"unknown higher-order operation {token!r}")


def _features(operation: Operation, lam: Lambda | None) -> int:
    features = 0
    if operation in FIRST_ORDER_AND_MAP:
        features |= FEATURE_FIRST_ORDER_AND_MAP
    if operation in HIGHER_ORDER_NO_MAP:
        features |= FEATURE_HIGHER_ORDER_NO_MAP
    if operation.token == "Scanl1":
        features |= FEATURE_SCANL1
        if lam is not None and lam.token in _SCANL1_NEW_LAMBDAS:
            features |= FEATURE_SCANL1_NEW
    return features


_CACHE: dict[tuple[int, int], tuple[Primitive, ...]] = {}


def primitives(config: DeepCoderConfig) -> tuple[Primitive, ...]:
    """Returns all well-typed primitives, in operation order then lambda order.

    The table is built once per integer range (the only config setting that
    changes the column functions).
    """
    lo, hi = config.min_int, config.max_int
    cached = _CACHE.get((lo, hi))
    if cached is not None:
        return cached
    table = []
    for operation in OPERATIONS:
        if operation.is_higher_order:
            slot_type = operation.arg_types[0]
            for lam in LAMBDAS:
                if lam.type != slot_type:
                    continue
                fn = _higher_order(operation.token, lam.token, lo, hi)
                table.append((operation, lam, fn))
        else:
            table.append((operation, None, _first_order(operation.token, lo, hi)))
    result = tuple(
        Primitive(
            index=i,
            operation=operation,
            lam=lam,
            arg_types=tuple(t for t in operation.arg_types if t in (int, list)),
            result_type=operation.result_type,
            features=_features(operation, lam),
            apply=fn,
            commutative=(
                operation.token == "ZipWith" and lam.token in _COMMUTATIVE_LAMBDAS
            ),
        )
        for i, (operation, lam, fn) in enumerate(table)
    )
    _CACHE[(lo, hi)] = result
    return result


def to_column(values) -> Column:
    """Returns the column form of per-example DSL values (lists become tuples)."""
    return tuple(tuple(v) if type(v) is list else v for v in values)


def from_column(column: Column) -> list:
    """Returns per-example DSL values of a column (tuples become lists)."""
    return [list(v) if type(v) is tuple else v for v in column]
