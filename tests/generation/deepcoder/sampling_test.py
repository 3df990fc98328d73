"""Tests of exedec_tf.generation.deepcoder.sampling (splits spec §4.5, §4.8)."""

import random

import pytest

from exedec_tf.dsl.deepcoder.operations import (
    FIRST_ORDER_AND_MAP,
    HIGHER_ORDER_NO_MAP,
    OPERATIONS,
    OPERATIONS_NO_SCAN,
)
from exedec_tf.experiments import Experiment
from exedec_tf.generation.deepcoder import sampling as S
from exedec_tf.generation.deepcoder.primitives import (
    FEATURE_FIRST_ORDER_AND_MAP,
    FEATURE_HIGHER_ORDER_NO_MAP,
    FEATURE_SCANL1,
    FEATURE_SCANL1_NEW,
)

E = Experiment

# The spec's schedule table: (train?, length, p, p is 0 while few programs).
SCHEDULES = {
    (E.NONE, True): [(True, n, 0.0, True) for n in (1, 2, 3, 4)]
    + [(True, 5, 0.9, True)],
    (E.NONE, False): [(False, n, 0.0, True) for n in (1, 2, 3, 4)]
    + [(False, 5, 0.9, True)],
    (E.LENGTH_GENERALIZATION, True): [(True, n, 0.0, True) for n in (1, 2, 3)]
    + [(True, 4, 0.7, True)],
    (E.LENGTH_GENERALIZATION, False): [(True, n, 0.0, True) for n in (1, 2, 3, 4)]
    + [(False, 5, 0.9, False)],
    (E.ADD_OP_FUNCTIONALITY, True): [(True, n, 0.0, True) for n in (1, 2, 3)]
    + [(True, 4, 0.7, True)]
    + [(False, n, 0.0, True) for n in (1, 2, 3)],
    (E.ADD_OP_FUNCTIONALITY, False): [(True, n, 0.0, True) for n in (1, 2, 3, 4)]
    + [(False, n, 0.0, True) for n in (1, 2, 3)]
    + [(False, 4, 0.7, True)],
}
for _exp in (E.COMPOSE_DIFFERENT_CONCEPTS, E.SWITCH_CONCEPT_ORDER, E.COMPOSE_NEW_OP):
    SCHEDULES[(_exp, True)] = [
        (True, 2, 0.0, True),
        (True, 3, 0.0, True),
        (True, 4, 0.7, True),
        (False, 2, 0.0, True),
        (False, 3, 0.0, True),
    ]
    SCHEDULES[(_exp, False)] = [
        (True, 2, 0.0, True),
        (True, 3, 0.0, True),
        (True, 4, 0.0, True),
        (False, 2, 0.0, True),
        (False, 3, 0.0, True),
        (False, 4, 0.7, True),
    ]


@pytest.mark.parametrize("key", sorted(SCHEDULES, key=lambda k: (k[0].value, k[1])))
def test_schedule_matches_spec(key):
    experiment, is_train = key
    got = [tuple(s) for s in S.search_schedule(experiment, is_train)]
    assert got == SCHEDULES[key]


def test_max_searched_length():
    assert S.max_searched_length(E.NONE, True) == 5
    assert S.max_searched_length(E.LENGTH_GENERALIZATION, True) == 4
    assert S.max_searched_length(E.LENGTH_GENERALIZATION, False) == 5
    assert S.max_searched_length(E.COMPOSE_NEW_OP, True) == 4


def test_length_plans():
    plan = S.length_plan(E.COMPOSE_DIFFERENT_CONCEPTS, True)
    assert plan.pools == (FIRST_ORDER_AND_MAP, HIGHER_ORDER_NO_MAP)
    assert plan.keep_features == 0
    plan = S.length_plan(E.COMPOSE_DIFFERENT_CONCEPTS, False)
    assert plan.pools == (OPERATIONS,)
    assert plan.keep_features == (
        FEATURE_FIRST_ORDER_AND_MAP | FEATURE_HIGHER_ORDER_NO_MAP
    )
    assert S.length_plan(E.COMPOSE_NEW_OP, True).pools == (OPERATIONS_NO_SCAN,)
    assert S.length_plan(E.COMPOSE_NEW_OP, False).keep_features == FEATURE_SCANL1
    train = S.length_plan(E.ADD_OP_FUNCTIONALITY, True)
    assert train.restrict_scanl1 and train.keep_features == 0
    test = S.length_plan(E.ADD_OP_FUNCTIONALITY, False)
    assert not test.restrict_scanl1 and test.keep_features == FEATURE_SCANL1_NEW
    assert S.length_plan(E.SWITCH_CONCEPT_ORDER, True).split_pools == (
        HIGHER_ORDER_NO_MAP,
        FIRST_ORDER_AND_MAP,
    )
    assert S.length_plan(E.SWITCH_CONCEPT_ORDER, False).split_pools == (
        FIRST_ORDER_AND_MAP,
        HIGHER_ORDER_NO_MAP,
    )
    for exp in (E.NONE, E.LENGTH_GENERALIZATION):
        for get_train in (True, False):
            plan = S.length_plan(exp, get_train)
            assert plan.pools == (OPERATIONS,) and plan.keep_features == 0


def fake_path(length, prim=0):
    return tuple(("x9", prim, 0, -1) for _ in range(length))


def test_select_spreads_quota_over_lengths():
    buckets = {
        1: [fake_path(1) + (("a", i, 0, -1),) for i in range(2)],
        2: [fake_path(2) + (("b", i, 0, -1),) for i in range(50)],
        3: [fake_path(3) + (("c", i, 0, -1),) for i in range(50)],
    }
    rng = random.Random(4)
    got = S._select(rng, buckets, 10, None, [0] * 60)
    # Length 1: quota 10 // 3 = 3, all 2 taken (no draw); length 2:
    # (10 - 2) // 2 = 4 sampled; length 3: 10 - 6 = 4 sampled.
    ref = random.Random(4)
    expected = buckets[1] + ref.sample(buckets[2], 4) + ref.sample(buckets[3], 4)
    assert got == expected
    assert rng.getstate() == ref.getstate()


def test_select_groups_for_compose_different_concepts():
    f, h = FEATURE_FIRST_ORDER_AND_MAP, FEATURE_HIGHER_ORDER_NO_MAP
    features = [f, h]
    # Paths of prim 0 (group f), prim 1 (group h), or mixed (neither group).
    group_f = [(("x2", 0, 0, -1), ("x3", 0, 1, -1))] * 6
    group_h = [(("x2", 1, 0, -1), ("x3", 1, 1, -1))] * 6
    mixed = [(("x2", 0, 0, -1), ("x3", 1, 1, -1))] * 3
    bucket = group_f[:3] + mixed + group_h + group_f[3:]
    rng = random.Random(11)
    got = S._select(rng, {2: bucket}, 9, (f, h), features)
    ref = random.Random(11)
    groups = [f, h]
    ref.shuffle(groups)
    first = [p for p in bucket if all(features[s[1]] & groups[0] for s in p)]
    second = [p for p in bucket if all(features[s[1]] & groups[1] for s in p)]
    expected = ref.sample(first, 4) + ref.sample(second, 5)
    assert got == expected
    assert rng.getstate() == ref.getstate()
    assert mixed[0] not in got


def test_select_group_shortfall_goes_to_second_group():
    f, h = FEATURE_FIRST_ORDER_AND_MAP, FEATURE_HIGHER_ORDER_NO_MAP
    features = [f, h]
    only_h = [(("x2", 1, 0, -1),)] * 8
    # Whatever the group order, the h group fills what f cannot.
    got = S._select(random.Random(0), {1: list(only_h)}, 6, (f, h), features)
    assert len(got) in (3, 6)
    assert all(p == only_h[0] for p in got)


def test_length_ranges_reject_unknown():
    with pytest.raises(ValueError, match="unhandled experiment"):
        S.length_ranges("NONE", True)
