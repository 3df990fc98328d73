"""The DSL description block that opens every prompt (spec/llm.md §4.1).

The wording is shared; the domain's `PromptAdapter` gives what the `dsl`
module is for and its functions and constants.
"""

from exedec_tf import domains

_PLAIN_TAIL = "illustrating their behavior."
_STEP_TAIL = "illustrating the program behavior step-by-step."


def dsl_description(domain: str, version: int, step_by_step: bool = False) -> str:
    """The DSL description block, ending with two newlines.

    Args:
      domain: a domain name (`exedec_tf.domains.names()`).
      version: the prompt/rendering version (DeepCoder 1-5, RobustFill 1).
      step_by_step: the ExeDec wording ("illustrating the program behavior
        step-by-step.") instead of the baseline one.

    Raises:
      ValueError: unknown domain or version.
    """
    adapter = domains.get(domain).prompt_adapter()
    purpose = adapter.purpose
    functions, constants = adapter.dsl_details(version)
    text = (
        f"The `dsl` module is a custom library for {purpose}. It contains the "
        f"following functions:\n\n{functions}\n\n"
    )
    if constants:
        text += (
            "Additionally, the module defines the following constants:\n\n"
            f"{constants}\n\n"
        )
    tail = _STEP_TAIL if step_by_step else _PLAIN_TAIL
    text += (
        "Below are example programming problems using the `dsl` module, with "
        f"input-output test cases {tail}\n\n"
        "Important: All programs begin with ```python and end with ``` alone.\n\n"
    )
    return text
