"""The per-domain prompt pieces of the LLM harness (spec/llm.md §4-5).

Prompts and the step loop never branch on the domain name: they ask
`get(domain)` for the domain's `PromptAdapter`, which the `Domain` provides
(`exedec_tf.domains.deepcoder_prompts`, `exedec_tf.domains.robustfill_prompts`).
"""

from exedec_tf import domains
from exedec_tf.domains.prompt_adapter import PromptAdapter, TrajectoryError
from exedec_tf.llm.problem import check_domain

__all__ = ["PromptAdapter", "TrajectoryError", "get"]


def get(domain: str) -> PromptAdapter:
    """The prompt adapter of the domain called `domain`.

    Raises:
      ValueError: `domain` is not a known domain.
    """
    check_domain(domain)
    return domains.get(domain).prompt_adapter()
