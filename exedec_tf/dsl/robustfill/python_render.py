"""Programs as Python source (spec §9) and the runtime that executes it.

The rendering is the one shown to LLMs: each expression becomes a call into a
`dsl` namespace (`dsl.GetToken(x, dsl.Type.WORD, 2)`), and `run_python_program`
executes such source against a namespace offering exactly those functions.
"""

import types

from exedec_tf.dsl.errors import ParseError
from exedec_tf.dsl.robustfill.base import (
    Compose,
    Concat,
    ConstStr,
    Expression,
    describe,
)
from exedec_tf.dsl.robustfill.constants import Boundary, Case, Type
from exedec_tf.dsl.robustfill.vocab import EXPRESSION_CLASSES

_ENUMS = (Type, Case, Boundary)
# Python function name of each expression class (ConstStr is `Const`).
_FUNCTION_NAME = {
    cls: ("Const" if cls is ConstStr else cls.__name__)
    for cls in EXPRESSION_CLASSES
    if cls is not Compose
}


def render_argument(token) -> str:
    """Python text of one argument: `dsl.Type.WORD`, `-2`, `'.'`, `"'"`.

    Raises:
        ParseError: the token is neither an enum member, an int nor a string
            (ParseError is a ValueError, like the original's error).
    """
    if isinstance(token, _ENUMS):
        return f"dsl.{type(token).__name__}.{token.name}"
    if isinstance(token, (int, str)):
        return repr(token)
    raise ParseError(f"cannot render argument {describe(token)} as Python")


def expression_to_python(expression: Expression) -> str:
    """Python text of one expression (a call on the input `x`).

    A Compose substitutes the inner text for every `(x` of the outer text,
    exactly like the original.

    Raises:
        ParseError: the expression (or a part of it) cannot be rendered.
    """
    if type(expression) is Compose:
        outer = expression.modification
        inner = expression.modification_or_substring
        if not (isinstance(outer, Expression) and isinstance(inner, Expression)):
            raise ParseError(
                f"cannot render Compose of non-expressions {describe(outer)} and "
                f"{describe(inner)} as Python"
            )
        return expression_to_python(outer).replace(
            "(x", "(" + expression_to_python(inner)
        )
    name = _FUNCTION_NAME.get(type(expression))
    if name is None:
        raise ParseError(f"cannot render {describe(expression)} as Python")
    args = [render_argument(a) for a in expression.args]
    if type(expression) is ConstStr:
        return f"dsl.Const({args[0]})"
    return f"dsl.{name}({', '.join(['x', *args])})"


def to_python(program: Concat, name: str = "program", version: int = 1) -> str:
    """Renders a program as a Python function `name(x)` (version 1 only).

    Raises:
        ValueError: `version` is not 1.
        ParseError: the program cannot be rendered (not a Concat, or ill-typed
            parts without a Python form).
    """
    if version != 1:
        raise ValueError(
            f"unsupported Python rendering version {version!r} for RobustFill "
            f"(only version 1 exists)"
        )
    if not isinstance(program, Concat):
        raise ParseError(f"expected a Concat program, got {describe(program)}")
    lines = [f"def {name}(x):", "  parts = ["]
    lines.extend(f"      {expression_to_python(e)}," for e in program.expressions)
    lines.append("  ]")
    lines.append("  return ''.join(parts)")
    return "\n".join(lines)


def _make_function(cls):
    def function(x, *args):
        return cls(*args)(x)

    function.__name__ = cls.__name__
    function.__doc__ = f"`{cls.__name__}(*args)` applied to `x`."
    return function


def _const(char):
    """`Const(c)`: returns `c` itself (the original runs ConstStr(c) on None)."""
    return char


def make_runtime() -> types.SimpleNamespace:
    """The `dsl` object rendered programs call: functions plus the three enums."""
    runtime = types.SimpleNamespace()
    for cls, function_name in _FUNCTION_NAME.items():
        function = _const if cls is ConstStr else _make_function(cls)
        setattr(runtime, function_name, function)
    for enum_class in _ENUMS:
        setattr(runtime, enum_class.__name__, enum_class)
    return runtime


def run_python_program(
    code: str, inputs: list, name: str = "program"
) -> list[str | None] | None:
    """Executes rendered Python source on each input.

    Warning: this runs `exec` on `code`; only use it on trusted code or inside
    a sandbox.

    Returns:
        None if defining the code raises; otherwise one output per input, None
        where calling `name(x)` raised (including when `name` is undefined).
    """
    namespace = {"dsl": make_runtime()}
    try:
        exec(code, namespace)
    except Exception:
        return None
    outputs = []
    for x in inputs:
        try:
            output = namespace[name](x)
        except Exception:
            output = None
        outputs.append(output)
    return outputs
