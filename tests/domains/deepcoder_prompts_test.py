"""Tests of exedec_tf.domains.deepcoder_prompts (DSL description details)."""

import pytest

from exedec_tf.domains.deepcoder_prompts import DeepCoderPromptAdapter

ADAPTER = DeepCoderPromptAdapter()


def test_version_1_lists_tokens_and_lambda_names():
    functions, constants = ADAPTER.dsl_details(1)
    assert functions.startswith("Head, Last, Take, Drop")
    assert "Scanl1" in functions
    assert constants.startswith("PLUS_ONE, MINUS_ONE")


def test_helper_sources_and_lambda_bodies():
    functions, constants = ADAPTER.dsl_details(2)
    assert functions.count("def ") == 5
    assert "SQUARE = lambda x: x ** 2" in constants
    assert ADAPTER.dsl_details(3) == ADAPTER.dsl_details(5)
    functions, constants = ADAPTER.dsl_details(4)
    assert functions.startswith("def Scanl1(f, xs):") and constants is None


def test_unknown_version_is_named():
    with pytest.raises(ValueError, match="version 6"):
        ADAPTER.dsl_details(6)
