"""The oracle LLM."""

import pytest

from exedec_tf.llm import oracle, prompts
from tests.llm.helpers import load_row


def test_answers_the_rest_of_the_complete_text():
    shots, test = load_row("robustfill", "NONE", 0, 1)
    llm = oracle.OracleLLM(
        [oracle.complete_text("baseline", "robustfill", 1, shots, test)]
    )
    prompt = prompts.build_prompt("baseline", "robustfill", 1, shots, test)
    (answer,) = llm(prompt, 1)
    assert answer == test.python_program + "\n```\n[END PROBLEM]\n\n"
    assert llm(prompt, 2) == [answer, answer] and llm.calls == 2


def test_unknown_prompt():
    with pytest.raises(KeyError, match="no continuation"):
        oracle.OracleLLM([])("P", 1)
    assert oracle.OracleLLM([], unknown="?")("P", 2) == ["?", "?"]
