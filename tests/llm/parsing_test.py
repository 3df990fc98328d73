"""Code extraction from responses: the original's six cases and the quirks."""

import pytest

from exedec_tf.llm.parsing import cut_program_from_sample

CODE = "def foo():\n  return 1\n"


@pytest.mark.parametrize(
    "sample",
    [
        CODE,
        "Sure, here is code:\n```python\n" + CODE,
        CODE + "```",
        CODE + "```\nMore text...",
        "Text\n```python\n" + CODE + "```\nMore",
        "```python\n" + CODE + "```\n```python\ndef bar():\n  pass\n```",
    ],
)
def test_original_cases(sample):
    assert cut_program_from_sample(sample) == CODE


def test_hallucinated_next_problem_wins_in_baseline():
    # The prompt already opened the fence; a later "```python\n" is taken.
    sample = CODE + "```\n[END PROBLEM]\n\n[BEGIN PROBLEM]\nProgram:\n```python\nX\n```"
    assert cut_program_from_sample(sample) == "X\n"


def test_fence_without_newline_is_not_an_opening():
    assert cut_program_from_sample("```python x = 1") == ""
