"""Tests of exedec_tf.generation.api: one entry point, generators found by name."""

import pytest

from exedec_tf import domains
from exedec_tf.generation import api, deepcoder, robustfill


def test_domains_are_the_registry():
    assert api.DOMAINS == domains.names()


@pytest.mark.parametrize("name", domains.names())
def test_every_domain_has_a_generator_package(name):
    package = api.generator_of(name)
    assert package.__name__ == f"exedec_tf.generation.{name}"
    assert callable(package.generate_shard)
    assert api.generator_of(domains.get(name)) is package


def test_unknown_domain():
    with pytest.raises(ValueError, match="'lisp'"):
        api.generate_tasks("lisp", "NONE", "test", 0, 0, 1)


def test_robustfill_tasks_as_its_generator_with_the_domain_example_count():
    via_api = list(api.generate_tasks("robustfill", "NONE", "valid", 3, 1, 2))
    direct = list(robustfill.generate_tasks("NONE", "valid", 3, 1, 2, num_examples=4))
    assert via_api == direct
    assert domains.get("robustfill").default_num_examples == 4
    assert [len(t.inputs) for t in via_api] == [4, 4]


def test_deepcoder_tasks_as_its_generator_with_the_domain_example_count():
    # A Domain object works in place of its name.
    via_api = list(
        api.generate_tasks(
            domains.get("deepcoder"),
            "SWITCH_CONCEPT_ORDER",
            "valid",
            1,
            0,
            2,
            num_programs_per_search=2,
        )
    )
    direct = list(
        deepcoder.generate_tasks(
            "SWITCH_CONCEPT_ORDER",
            "valid",
            1,
            0,
            num_searches=1,
            num_programs_per_search=2,
        )
    )
    assert via_api == direct
    assert [len(t.inputs) for t in via_api] == [3, 3]


def test_deepcoder_needs_whole_searches():
    with pytest.raises(ValueError, match="num_tasks=3 is not a multiple"):
        api.generate_tasks(
            "deepcoder", "NONE", "test", 0, 0, 3, num_programs_per_search=2
        )


def test_programs_per_search_is_deepcoder_only():
    with pytest.raises(ValueError, match="DeepCoder only"):
        api.generate_tasks(
            "robustfill", "NONE", "test", 0, 0, 1, num_programs_per_search=1
        )


def test_negative_num_tasks():
    with pytest.raises(ValueError, match="-1"):
        api.generate_tasks("robustfill", "NONE", "test", 0, 0, -1)


def test_default_programs_per_search():
    assert api.default_programs_per_search("train") == 1000
    assert api.default_programs_per_search("valid") == 10
