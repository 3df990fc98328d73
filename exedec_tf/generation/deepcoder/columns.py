"""Interned value columns and memoised primitive applications for one search.

A column holds one variable's value in every example (lists as tuples). The
enumeration meets the same columns over and over (many programs compute the
same intermediate values), so each distinct column gets a small integer id
and every (primitive, argument ids) application is computed once. Ids make
the original's checks cheap: a statement is redundant when its result id is
among the state's ids, a duplicate when it is in the node's seen set, and
the equivalence dictionaries are keyed by the output column's id.
"""

from collections.abc import Sequence

from exedec_tf.generation.deepcoder.primitives import Column, Primitive

INVALID = -1  # Result id of an application that fails in some example.

# Memo keys pack (first id, second id, primitive) into one int, which hashes
# faster than a tuple. One- and two-argument primitives have different
# indices, so their keys cannot collide. Ids stay far below 2**30 in practice
# (a search interns at most a few million columns).
PRIM_BITS = 6
ID_BITS = 30


class ColumnTable:
    """Interns the columns of one search and memoises primitive results.

    Attributes:
      columns: The column of each id.
    """

    def __init__(self, prims: Sequence[Primitive]):
        """Creates an empty table for the given primitive table."""
        if len(prims) > 1 << PRIM_BITS:
            raise ValueError(f"too many primitives: {len(prims)}")
        self._functions = [p.apply for p in prims]
        self._commutative = [p.commutative for p in prims]
        self._ids: dict[Column, int] = {}
        self.columns: list[Column] = []
        self._memo: dict[int, int] = {}
        self._distinct: dict[int, bool] = {}

    def __len__(self) -> int:
        return len(self.columns)

    def intern(self, column: Column) -> int:
        """Returns the id of `column`, adding it if new."""
        cid = self._ids.get(column)
        if cid is None:
            cid = len(self.columns)
            if cid >= 1 << ID_BITS:
                raise OverflowError("too many distinct columns in one search")
            self._ids[column] = cid
            self.columns.append(column)
        return cid

    def apply(self, prim: int, a: int, b: int = -1) -> int:
        """Returns the result id of primitive `prim` on column ids a (and b).

        `b` is -1 for a one-argument primitive. Returns INVALID if the result
        is invalid in some example.
        """
        if b >= 0 and a > b and self._commutative[prim]:
            # Both argument orders give the same column: share one entry.
            a, b = b, a
        if b < 0:
            key = (a << PRIM_BITS) | prim
        else:
            key = (((a << ID_BITS) | b) << PRIM_BITS) | prim
        result = self._memo.get(key)
        if result is None:
            result = self._compute(key, prim, a, b)
        return result

    def _compute(self, key: int, prim: int, a: int, b: int) -> int:
        columns = self.columns
        if b < 0:
            column = self._functions[prim](columns[a])
        else:
            column = self._functions[prim](columns[a], columns[b])
        if column is None:
            result = INVALID
        else:
            # `intern`, inlined: this runs for every memo miss.
            result = self._ids.get(column)
            if result is None:
                result = len(columns)
                if result >= 1 << ID_BITS:
                    raise OverflowError("too many distinct columns in one search")
                self._ids[column] = result
                columns.append(column)
        self._memo[key] = result
        return result

    def memo_views(self):
        """Returns (memo dict, compute function) for inlined lookups in loops.

        The hot loop of the search repeats `apply`'s key packing (including
        the argument order of commutative primitives) inline; this exposes the
        pieces it needs without attribute lookups per candidate.
        `compute(key, prim, a, b)` computes, stores and returns a missing
        entry.
        """
        return self._memo, self._compute

    def distinct_views(self):
        """Returns (cache dict, function) for inlined `all_distinct` lookups."""
        return self._distinct, self.all_distinct

    def all_distinct(self, cid: int) -> bool:
        """Whether the column's values differ pairwise across examples."""
        distinct = self._distinct.get(cid)
        if distinct is None:
            column = self.columns[cid]
            distinct = len(set(column)) == len(column)
            self._distinct[cid] = distinct
        return distinct


def pack_key(prim: int, a: int, b: int) -> int:
    """The memo key used by `ColumnTable.apply` (for inlined lookups)."""
    if b < 0:
        return (a << PRIM_BITS) | prim
    return (((a << ID_BITS) | b) << PRIM_BITS) | prim
