"""Tests of exedec_tf.generation.robustfill.shard (the uniform generator entry)."""

import pytest

from exedec_tf.generation.robustfill import generate_shard, generate_tasks


def test_same_tasks_as_generate_tasks():
    got = list(generate_shard("NONE", "test", 0, 2, 3, num_examples=2))
    assert got == list(generate_tasks("NONE", "test", 0, 2, 3, num_examples=2))
    assert all(len(t.inputs) == 2 for t in got)


def test_programs_per_search_is_refused():
    with pytest.raises(ValueError, match="DeepCoder only"):
        generate_shard(
            "NONE", "test", 0, 0, 1, num_examples=4, num_programs_per_search=1
        )
