"""The DSL description block that opens every prompt (spec/llm.md §4.1)."""

from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS
from exedec_tf.dsl.deepcoder.operations import OPERATIONS
from exedec_tf.dsl.robustfill.constants import Boundary, Case, Type
from exedec_tf.dsl.robustfill.python_render import render_argument

DEEPCODER_VERSIONS = (1, 2, 3, 4, 5)
ROBUSTFILL_VERSIONS = (1,)

# Helper sources shown to the model in DeepCoder versions 2 (all) and 3-5
# (Scanl1 only); 2-space indentation as in the reference prompts.
_DEEPCODER_HELPERS = (
    "def Map(f, xs):\n  return [f(x) for x in xs]",
    "def Filter(f, xs):\n  return [x for x in xs if f(x)]",
    "def Count(f, xs):\n  return len([x for x in xs if f(x)])",
    "def ZipWith(f, xs, ys):\n  return [f(x, y) for (x, y) in zip(xs, ys)]",
    "def Scanl1(f, xs):\n"
    "  ys = []\n"
    "  for i, x in enumerate(xs):\n"
    "    if i == 0:\n"
    "      ys.append(x)\n"
    "    else:\n"
    "      ys.append(f(ys[-1], x))\n"
    "  return ys",
)

# (name, parameters, body) of every DeepCoder lambda, in vocabulary order.
_DEEPCODER_LAMBDA_BODIES = (
    ("PLUS_ONE", "x", "x + 1"),
    ("MINUS_ONE", "x", "x - 1"),
    ("TIMES_TWO", "x", "x * 2"),
    ("DIV_TWO", "x", "x // 2"),
    ("NEGATE", "x", "-x"),
    ("SQUARE", "x", "x ** 2"),
    ("TIMES_THREE", "x", "x * 3"),
    ("DIV_THREE", "x", "x // 3"),
    ("TIMES_FOUR", "x", "x * 4"),
    ("DIV_FOUR", "x", "x // 4"),
    ("IS_POSITIVE", "x", "x > 0"),
    ("IS_NEGATIVE", "x", "x < 0"),
    ("IS_EVEN", "x", "x % 2 == 0"),
    ("IS_ODD", "x", "x % 2 == 1"),
    ("ADD", "x, y", "x + y"),
    ("SUBTRACT", "x, y", "x - y"),
    ("MULTIPLY", "x, y", "x * y"),
    ("MIN", "x, y", "min(x, y)"),
    ("MAX", "x, y", "max(x, y)"),
)

# The functions of the RobustFill `dsl` runtime, in the order the prompt lists them.
ROBUSTFILL_FUNCTIONS = (
    "Const",
    "SubStr",
    "GetSpan",
    "GetToken",
    "ToCase",
    "Replace",
    "Trim",
    "GetUpto",
    "GetFrom",
    "GetFirst",
    "GetAll",
    "Substitute",
    "SubstituteAll",
    "Remove",
    "RemoveAll",
)

_PLAIN_TAIL = "illustrating their behavior."
_STEP_TAIL = "illustrating the program behavior step-by-step."


def _deepcoder_details(version: int) -> tuple[str, str | None]:
    lambda_lines = "\n".join(
        f"{name} = lambda {params}: {body}"
        for name, params, body in _DEEPCODER_LAMBDA_BODIES
    )
    if version == 1:
        return (
            ", ".join(op.token for op in OPERATIONS),
            ", ".join(lam.name for lam in LAMBDAS),
        )
    if version == 2:
        return "\n\n".join(_DEEPCODER_HELPERS), lambda_lines
    if version in (3, 5):
        return _DEEPCODER_HELPERS[-1], lambda_lines
    if version == 4:
        return _DEEPCODER_HELPERS[-1], None
    raise ValueError(
        f"unsupported DeepCoder prompt version {version!r}; "
        f"expected one of {DEEPCODER_VERSIONS}"
    )


def _robustfill_details(version: int) -> tuple[str, str]:
    if version != 1:
        raise ValueError(
            f"unsupported RobustFill prompt version {version!r}; "
            f"expected one of {ROBUSTFILL_VERSIONS}"
        )
    functions = ", ".join(ROBUSTFILL_FUNCTIONS)
    constants = ", ".join(
        render_argument(member)
        for enum_class in (Type, Case, Boundary)
        for member in enum_class
    )
    return functions, constants


def dsl_description(domain: str, version: int, step_by_step: bool = False) -> str:
    """The DSL description block, ending with two newlines.

    Args:
      domain: "deepcoder" or "robustfill".
      version: the prompt/rendering version (DeepCoder 1-5, RobustFill 1).
      step_by_step: the ExeDec wording ("illustrating the program behavior
        step-by-step.") instead of the baseline one.

    Raises:
      ValueError: unknown domain or version.
    """
    if domain == "deepcoder":
        purpose = "manipulating lists of integers"
        functions, constants = _deepcoder_details(version)
    elif domain == "robustfill":
        purpose = "manipulating strings"
        functions, constants = _robustfill_details(version)
    else:
        raise ValueError(f"unknown domain {domain!r}")
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
