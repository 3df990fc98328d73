"""Specialised statement functions behind the fast `Program.run` path.

A compiled statement is a "step": a function of the list of variable values
computed so far (inputs first, then each statement's result) that returns the
statement's result, or None for an invalid result.

The fast steps here assume that every value in that list is valid (the program
checks its inputs once; every later value was validated when produced). Under
that assumption most results need no checking at all (a slice of a valid list
is valid) and the rest only need a cheap test, e.g. a min/max range check for
Map, ZipWith and Scanl1 with arithmetic lambdas, the only ops that can leave
the range. The lambdas are replaced by equivalent C-implemented callables,
which agree with the DSL lambdas on ints (the only arguments they can get on
this path). Ill-typed combinations (e.g. Map with a predicate) get no fast
step; they go through `generic_step`, which validates fully.

Every step must raise TypeError exactly when the DSL operation would, so that
ill-typed programs still fail with RunError: hence `len(xs)` where a truth
test would be faster, and `map`/`filter`/`accumulate`, which reject an int
argument just like the original comprehensions.
"""

import itertools
import operator
from collections.abc import Callable, Sequence
from typing import Any

from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import Lambda
from exedec_tf.dsl.deepcoder.operations import Operation
from exedec_tf.dsl.deepcoder.values import Value
from exedec_tf.dsl.errors import RunError

Step = Callable[[list], Value | None]

# Bound methods such as (2).__rfloordiv__ compute `x // 2` in C.
_UNARY_INT_FUNCS: dict[str, Callable[[int], int]] = {
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

# Predicate token -> (callable with the same truth value, negate it?).
_PREDICATES: dict[str, tuple[Callable[[int], Any], bool]] = {
    "(>0)": ((0).__lt__, False),
    "(<0)": ((0).__gt__, False),
    "(%2==0)": ((1).__and__, True),
    "(%2==1)": ((1).__and__, False),
}

_BINARY_INT_FUNCS: dict[str, Callable[[int, int], int]] = {
    "(+)": operator.add,
    "(-)": operator.sub,
    "(*)": operator.mul,
    "(min)": min,
    "(max)": max,
}

# Lambdas that map the symmetric range [-M, M] into itself: their results
# need no range check.
_RANGE_PRESERVING = frozenset(["(/2)", "(/3)", "(/4)", "(*(-1))", "(min)", "(max)"])


# First-order step factories: (argument slots, lo, hi) -> step.


def _head(s, lo, hi):
    a = s[0]

    def step(v):
        xs = v[a]
        return xs[0] if len(xs) > 0 else None

    return step


def _last(s, lo, hi):
    a = s[0]

    def step(v):
        xs = v[a]
        return xs[-1] if len(xs) > 0 else None

    return step


def _take(s, lo, hi):
    a, b = s

    def step(v):
        return v[b][: v[a]]

    return step


def _drop(s, lo, hi):
    a, b = s

    def step(v):
        return v[b][v[a] :]

    return step


def _access(s, lo, hi):
    a, b = s

    def step(v):
        n = v[a]
        xs = v[b]
        return xs[n] if 0 <= n < len(xs) else None

    return step


def _minimum(s, lo, hi):
    a = s[0]

    def step(v):
        xs = v[a]
        return min(xs) if len(xs) > 0 else None

    return step


def _maximum(s, lo, hi):
    a = s[0]

    def step(v):
        xs = v[a]
        return max(xs) if len(xs) > 0 else None

    return step


def _reverse(s, lo, hi):
    a = s[0]

    def step(v):
        return v[a][::-1]

    return step


def _sort(s, lo, hi):
    a = s[0]

    def step(v):
        return sorted(v[a])

    return step


def _sum(s, lo, hi):
    a = s[0]

    def step(v):
        total = sum(v[a])
        return total if lo <= total <= hi else None

    return step


_FIRST_ORDER_FACTORIES = {
    "Head": _head,
    "Last": _last,
    "Take": _take,
    "Drop": _drop,
    "Access": _access,
    "Minimum": _minimum,
    "Maximum": _maximum,
    "Reverse": _reverse,
    "Sort": _sort,
    "Sum": _sum,
}


def _checked_list_step(make_list: Callable[[list], list], lo: int, hi: int) -> Step:
    def step(v):
        result = make_list(v)
        if result and (min(result) < lo or max(result) > hi):
            return None
        return result

    return step


def _map_step(token: str, s: Sequence[int], lo: int, hi: int) -> Step | None:
    a = s[0]
    func = _UNARY_INT_FUNCS.get(token)
    if func is None:
        return None

    def step(v):
        return list(map(func, v[a]))

    return step if token in _RANGE_PRESERVING else _checked_list_step(step, lo, hi)


def _filter_step(token: str, s: Sequence[int], lo: int, hi: int) -> Step | None:
    a = s[0]
    if token not in _PREDICATES:
        return None
    predicate, negate = _PREDICATES[token]
    keep = itertools.filterfalse if negate else filter

    def step(v):
        return list(keep(predicate, v[a]))

    return step


def _count_step(token: str, s: Sequence[int], lo: int, hi: int) -> Step | None:
    a = s[0]
    if token not in _PREDICATES:
        return None
    predicate, negate = _PREDICATES[token]
    keep = itertools.filterfalse if negate else filter

    def step(v):
        # Lists have no length limit, so a count can exceed max_int.
        count = len(list(keep(predicate, v[a])))
        return count if count <= hi else None

    return step


def _zip_with_step(token: str, s: Sequence[int], lo: int, hi: int) -> Step | None:
    a, b = s
    func = _BINARY_INT_FUNCS.get(token)
    if func is None:
        return None

    # map() over two lists stops at the shorter one, like zip().
    def step(v):
        return list(map(func, v[a], v[b]))

    return step if token in _RANGE_PRESERVING else _checked_list_step(step, lo, hi)


def _scanl1_step(token: str, s: Sequence[int], lo: int, hi: int) -> Step | None:
    a = s[0]
    func = _BINARY_INT_FUNCS.get(token)
    if func is None:
        return None

    # accumulate() yields xs[0], then f(previous, x) for each later x: Scanl1.
    def step(v):
        return list(itertools.accumulate(v[a], func))

    return step if token in _RANGE_PRESERVING else _checked_list_step(step, lo, hi)


_HIGHER_ORDER_FACTORIES = {
    "Map": _map_step,
    "Filter": _filter_step,
    "Count": _count_step,
    "ZipWith": _zip_with_step,
    "Scanl1": _scanl1_step,
}


def fast_step(
    operation: Operation,
    lam: Lambda | None,
    slots: Sequence[int],
    config: DeepCoderConfig,
) -> Step | None:
    """Returns a fast step for a well-shaped, well-typed statement, else None.

    Args:
        operation: The statement's operation.
        lam: The lambda argument of a higher-order op (None for first-order).
        slots: Positions of the variable arguments in the value list, in order.
        config: Gives the valid integer range.
    """
    if operation.is_higher_order:
        factory = _HIGHER_ORDER_FACTORIES.get(operation.token)
        if lam is None or factory is None or len(slots) != operation.arity - 1:
            return None
        return factory(lam.token, slots, -config.max_int, config.max_int)
    factory = _FIRST_ORDER_FACTORIES.get(operation.token)
    if lam is not None or factory is None or len(slots) != operation.arity:
        return None
    return factory(slots, -config.max_int, config.max_int)


def generic_step(
    operation: Operation,
    arg_sources: Sequence[tuple[int | None, Any]],
    config: DeepCoderConfig,
    description: str = "",
) -> Step:
    """Returns a step that runs `operation.run` with full result validation.

    Args:
        operation: The operation to run.
        arg_sources: Per argument, `(slot, None)` for a variable whose value is
            at `slot` in the value list, or `(None, func)` for a lambda.
        config: Passed to the validity check.
        description: If given (the statement text), prefixes RunError messages.
    """
    sources = tuple(arg_sources)
    run = operation.run

    def step(v):
        args = [func if slot is None else v[slot] for slot, func in sources]
        if not description:
            return run(args, config)
        try:
            return run(args, config)
        except RunError as e:
            raise RunError(f"{description}: {e}") from e

    return step
