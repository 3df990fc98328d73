"""Tests of exedec_tf.generation.deepcoder.columns."""

import pytest

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG
from exedec_tf.generation.deepcoder.columns import (
    ID_BITS,
    INVALID,
    PRIM_BITS,
    ColumnTable,
    pack_key,
)
from exedec_tf.generation.deepcoder.primitives import primitives

PRIMS = primitives(DEFAULT_CONFIG)
BY_NAME = {p.operation.token + (p.lam.token if p.lam else ""): p for p in PRIMS}


def test_intern_gives_stable_ids():
    table = ColumnTable(PRIMS)
    a = table.intern(((1, 2), (), (3,)))
    b = table.intern((1, 2, 3))
    assert (a, b) == (0, 1)
    assert table.intern(((1, 2), (), (3,))) == a
    assert table.columns[b] == (1, 2, 3)
    assert len(table) == 2


def test_apply_memoises_and_interns_results():
    table = ColumnTable(PRIMS)
    xs = table.intern(((3, 1, 2), (5,), ()))
    sort = BY_NAME["Sort"].index
    r = table.apply(sort, xs)
    assert table.columns[r] == ((1, 2, 3), (5,), ())
    assert table.apply(sort, xs) == r
    head = BY_NAME["Head"].index
    assert table.apply(head, xs) == INVALID  # Empty list in example 3.
    n = table.intern((1, 0, 0))
    take = BY_NAME["Take"].index
    taken = table.apply(take, n, xs)
    assert table.columns[taken] == ((3,), (), ())
    # The same column from another computation gets the same id.
    assert table.apply(BY_NAME["Drop"].index, table.intern((3, 1, 0)), xs) == (
        table.intern(((), (), ()))
    )


def test_commutative_primitives_share_entries():
    table = ColumnTable(PRIMS)
    a = table.intern(((1, 2), (3,)))
    b = table.intern(((4,), (5, 6)))
    plus = BY_NAME["ZipWith(+)"]
    minus = BY_NAME["ZipWith(-)"]
    assert plus.commutative and not minus.commutative
    assert table.apply(plus.index, b, a) == table.apply(plus.index, a, b)
    assert table.columns[table.apply(minus.index, a, b)] == ((-3,), (-2,))
    assert table.columns[table.apply(minus.index, b, a)] == ((3,), (2,))


def test_pack_key_matches_the_inlined_packing():
    # search.py packs keys inline with these constants.
    assert pack_key(5, 7, -1) == (7 << PRIM_BITS) | 5
    assert pack_key(5, 7, 9) == (((7 << ID_BITS) | 9) << PRIM_BITS) | 5
    assert len(PRIMS) <= 1 << PRIM_BITS


@pytest.mark.parametrize(
    "column, distinct",
    [
        ((1, 2, 3), True),
        ((1, 2, 1), False),
        (((1,), (1, 0), ()), True),
        (((),) * 2, False),
    ],
)
def test_all_distinct(column, distinct):
    table = ColumnTable(PRIMS)
    assert table.all_distinct(table.intern(column)) is distinct
