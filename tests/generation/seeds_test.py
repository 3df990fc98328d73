"""Tests of exedec_tf.generation.seeds."""

import hashlib
import random

import pytest

from exedec_tf.generation import seeds


def test_seed_recipe():
    expected = int(hashlib.md5(b"NONE-test-0-0").hexdigest()[:8], 16)
    assert seeds.shard_seed("NONE", "test", 0, 0) == expected
    assert seeds.shard_seed("compose_new_op", "train", 3, 7) == int(
        hashlib.md5(b"COMPOSE_NEW_OP-train-3-7").hexdigest()[:8], 16
    )


def test_private_rng_matches_global_seeding():
    rng = seeds.shard_rng("NONE", "test", 0, 0)
    random.seed(seeds.shard_seed("NONE", "test", 0, 0))
    assert [rng.random() for _ in range(5)] == [random.random() for _ in range(5)]


@pytest.mark.parametrize(
    "args, match",
    [
        (("NONE", "dev", 0, 0), "'dev'"),
        (("NOPE", "test", 0, 0), "'NOPE'"),
        (("NONE", "test", -1, 0), "-1"),
        (("NONE", "test", 0, "0"), "'0'"),
    ],
)
def test_bad_arguments_are_named(args, match):
    with pytest.raises(ValueError, match=match):
        seeds.shard_seed(*args)
