"""Tests of exedec_tf.generation.deepcoder.shard (the uniform generator entry)."""

import pytest

from exedec_tf.generation.deepcoder import generate_shard, generate_tasks


def test_whole_searches_as_generate_tasks():
    got = list(
        generate_shard(
            "SWITCH_CONCEPT_ORDER", "valid", 1, 0, 4, num_examples=3,
            num_programs_per_search=2,
        )
    )  # fmt: skip
    expected = list(generate_tasks("SWITCH_CONCEPT_ORDER", "valid", 1, 0, 2, 2))
    assert got == expected


def test_partial_search_is_refused():
    with pytest.raises(ValueError, match="num_tasks=5 is not a multiple of"):
        generate_shard("NONE", "test", 0, 0, 5, num_examples=3)
