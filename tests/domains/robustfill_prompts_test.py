"""Tests of exedec_tf.domains.robustfill_prompts (DSL description details)."""

import pytest

from exedec_tf.domains.robustfill_prompts import FUNCTIONS, RobustFillPromptAdapter

ADAPTER = RobustFillPromptAdapter()


def test_version_1_lists_functions_and_enum_members():
    functions, constants = ADAPTER.dsl_details(1)
    assert functions == ", ".join(FUNCTIONS)
    assert functions.startswith("Const, SubStr, GetSpan")
    assert "dsl.Type.NUMBER" in constants and "dsl.Boundary.END" in constants


def test_unknown_version_is_named():
    with pytest.raises(ValueError, match="version 2"):
        ADAPTER.dsl_details(2)
