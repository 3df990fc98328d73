"""Rendering DeepCoder programs as Python functions (as used for LLM prompts).

Versions, differing in how much is written as plain Python rather than calls
into a `dsl` namespace (see `python_exec.run_python_program`):

1. every operation and lambda as `dsl.Op(...)` / `dsl.NAME`;
2. first-order operations as Python, higher-order ones as `dsl.Op(...)`;
3. (and 5, identical) everything but Scanl1 as Python, lambdas as
   `dsl.NAME(x)` calls;
4. "Pythonic": everything but Scanl1 as Python with inline lambda
   expressions; Scanl1 as `dsl.Scanl1(<Python lambda>, xs)`.
"""

from typing import Any

from exedec_tf.dsl.deepcoder.lambdas import NAME_TO_LAMBDA, Lambda

# Python sources of the lambdas that Scanl1 can meaningfully take (version 4).
_SCANL1_LAMBDA_SOURCE = {
    "ADD": "lambda x, y: x + y",
    "SUBTRACT": "lambda x, y: x - y",
    "MULTIPLY": "lambda x, y: x * y",
    "MIN": "min",
    "MAX": "max",
}

_SUPPORTED_VERSIONS = (1, 2, 3, 4, 5)


def _lambda_call(arg: str, params: list[str], inline: bool) -> str:
    """Returns a lambda applied to `params` for use inside a comprehension.

    `arg` is the rendered argument `dsl.NAME`.
    """
    if inline:
        return NAME_TO_LAMBDA[arg[len("dsl.") :]].python_expr
    return f"{arg}({', '.join(params)})"


def _python_rhs(token: str, args: list[str], inline: bool) -> str:
    """Returns the plain-Python right-hand side of an operation (not Scanl1).

    `args` are the rendered arguments: variable names, lambdas as `dsl.NAME`.
    """
    if token == "Head":
        return f"{args[0]}[0]"
    if token == "Last":
        return f"{args[0]}[-1]"
    if token == "Take":
        return f"{args[1]}[:{args[0]}]"
    if token == "Drop":
        return f"{args[1]}[{args[0]}:]"
    if token == "Access":
        # Python accepts negative indices here, unlike the DSL.
        return f"{args[1]}[{args[0]}]"
    if token == "Minimum":
        return f"min({args[0]})"
    if token == "Maximum":
        return f"max({args[0]})"
    if token == "Reverse":
        return f"list(reversed({args[0]}))"
    if token == "Sort":
        return f"sorted({args[0]})"
    if token == "Sum":
        return f"sum({args[0]})"
    if token == "Map":
        return f"[{_lambda_call(args[0], ['x'], inline)} for x in {args[1]}]"
    if token == "Filter":
        return f"[x for x in {args[1]} if {_lambda_call(args[0], ['x'], inline)}]"
    if token == "Count":
        call = _lambda_call(args[0], ["x"], inline)
        return f"len([x for x in {args[1]} if {call}])"
    if token == "ZipWith":
        call = _lambda_call(args[0], ["x", "y"], inline)
        return f"[{call} for (x, y) in zip({args[1]}, {args[2]})]"
    raise ValueError(f"no Python form for operation {token!r}")


def _statement_rhs(
    token: str, higher_order: bool, args: list[str], version: int
) -> str:
    dsl_call = f"dsl.{token}({', '.join(args)})"
    if version == 1:
        return dsl_call
    if version == 2:
        return dsl_call if higher_order else _python_rhs(token, args, inline=False)
    if version in (3, 5):
        if token == "Scanl1":
            return dsl_call
        return _python_rhs(token, args, inline=False)
    # Version 4. An ill-typed Scanl1 lambda has no source: KeyError, as in the
    # original.
    if token == "Scanl1":
        source = _SCANL1_LAMBDA_SOURCE[args[0][len("dsl.") :]]
        return f"dsl.Scanl1({source}, {args[1]})"
    return _python_rhs(token, args, inline=True)


def to_python_program(program: Any, name: str = "program", version: int = 1) -> str:
    """Returns `program` (a `Program`) as the source of a Python function.

    The function is called `name`, takes the input variables as parameters
    and returns the last statement's variable, e.g. for version 1:

        def program(x0):
          x1 = dsl.Map(dsl.PLUS_ONE, x0)
          return x1

    Raises ValueError for a version other than 1-5 and IndexError for a
    program without statements.
    """
    if version not in _SUPPORTED_VERSIONS:
        raise ValueError(
            f"unsupported Python rendering version {version!r}; "
            f"expected one of {_SUPPORTED_VERSIONS}"
        )
    if not program.statements:
        raise IndexError("cannot render a program without statements as Python")
    lines = [f"def {name}({', '.join(program.input_variables)}):"]
    for statement in program.statements:
        args = [
            f"dsl.{arg.name}" if isinstance(arg, Lambda) else arg
            for arg in statement.args
        ]
        operation = statement.operation
        rhs = _statement_rhs(operation.token, operation.is_higher_order, args, version)
        lines.append(f"  {statement.variable} = {rhs}")
    lines.append(f"  return {program.statements[-1].variable}")
    return "\n".join(lines)
