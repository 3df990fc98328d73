"""DSL description blocks."""

import pytest

from exedec_tf.llm.description import dsl_description


def test_versions_differ_as_specified():
    v1 = dsl_description("deepcoder", 1)
    assert "Head, Last, Take, Drop, Access" in v1 and "PLUS_ONE, MINUS_ONE" in v1
    v2 = dsl_description("deepcoder", 2)
    assert v2.count("def ") == 5 and "DIV_TWO = lambda x: x // 2" in v2
    v3 = dsl_description("deepcoder", 3)
    assert v3.count("def ") == 1 and "MAX = lambda x, y: max(x, y)" in v3
    assert dsl_description("deepcoder", 5) == v3
    v4 = dsl_description("deepcoder", 4)
    assert "constants" not in v4 and "def Scanl1(f, xs):" in v4


def test_step_by_step_wording_and_ending():
    text = dsl_description("robustfill", 1, step_by_step=True)
    assert "illustrating the program behavior step-by-step." in text
    assert text.endswith("end with ``` alone.\n\n")
    assert "dsl.Type.NUMBER, dsl.Type.WORD" in text and text.count("dsl.Boundary.") == 2


@pytest.mark.parametrize(
    "domain,version", [("deepcoder", 0), ("deepcoder", 6), ("robustfill", 2)]
)
def test_unsupported_versions(domain, version):
    with pytest.raises(ValueError, match=f"version {version}"):
        dsl_description(domain, version)
