"""Extracting code from an LLM response (spec/llm.md §7)."""

_OPEN_FENCE = "```python\n"
_FENCE = "```"


def cut_program_from_sample(sample: str) -> str:
    """The code of a response: after the first "```python\\n", before the next "```".

    Each cut applies only if its marker is present; nothing is stripped or
    validated, exactly as in the original (a response without fences is
    returned whole).
    """
    if _OPEN_FENCE in sample:
        sample = sample.partition(_OPEN_FENCE)[2]
    if _FENCE in sample:
        sample = sample.partition(_FENCE)[0]
    return sample
