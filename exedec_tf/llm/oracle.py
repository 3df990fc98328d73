"""A fake LLM that answers with the ground-truth continuation (for tests and checks).

For each test problem it renders the complete few-shot form of the problem
(with its reference program); a prompt that is a prefix of one of these texts
is answered with the rest of it. This reproduces the "oracle" runs of
spec/llm.md §15: every problem of the released files is solved.
"""

from collections.abc import Iterable, Sequence

from exedec_tf.llm import prompts
from exedec_tf.llm.description import dsl_description
from exedec_tf.llm.problem import Problem


def complete_text(
    prompt_format: str,
    domain: str,
    version: int,
    few_shots: Sequence[Problem],
    test_problem: Problem,
) -> str:
    """The prompt text with the test problem rendered in full (as a few-shot)."""
    prompts.check_format(prompt_format)
    if prompt_format == "baseline":
        parts = [dsl_description(domain, version)]
        block = prompts.baseline_block
        parts += [block(p, domain, True) for p in [*few_shots, test_problem]]
    else:
        ablation = prompt_format == "exedec_ablation"
        parts = [dsl_description(domain, version, step_by_step=True)]
        parts += [
            prompts.exedec_block(p, domain, ablation, True)
            for p in [*few_shots, test_problem]
        ]
    return "\n".join(parts)


class OracleLLM:
    """`query_llm`-style callable answering with ground-truth continuations.

    Args:
      texts: complete texts (see `complete_text`); a prompt must be a strict
        prefix of one of them.
      unknown: the answer to a prompt that matches none (default: raise).
    """

    def __init__(self, texts: Iterable[str], unknown: str | None = None):
        self._texts = list(texts)
        self._unknown = unknown
        self.calls = 0

    def add_texts(self, texts: Iterable[str]) -> None:
        """Adds complete texts (thread-safe enough for the runner: done up front)."""
        self._texts.extend(texts)

    def __call__(self, prompt: str, n: int, temperature=0.0, model="", max_tokens=0):
        self.calls += 1
        for text in self._texts:
            if text.startswith(prompt) and len(text) > len(prompt):
                return [text[len(prompt) :]] * n
        if self._unknown is None:
            raise KeyError(
                f"oracle has no continuation for prompt ...{prompt[-200:]!r}"
            )
        return [self._unknown] * n
