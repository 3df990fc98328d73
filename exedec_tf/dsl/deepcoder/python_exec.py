"""Executing Python-rendered DeepCoder programs (LLM experiments).

Warning: `run_python_program` calls exec() and eval() on its arguments; only
run trusted code, or sandbox the process.
"""

import types
from collections.abc import Mapping, Sequence
from typing import Any

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS
from exedec_tf.dsl.deepcoder.operations import OPERATIONS
from exedec_tf.dsl.deepcoder.program import Program


def dsl_namespace() -> types.SimpleNamespace:
    """Returns the `dsl` object seen by Python-rendered programs.

    Its attributes are the lambda names (e.g. `dsl.PLUS_ONE`) and operation
    tokens (e.g. `dsl.Map`), bound to the raw functions, which do not
    validate results: `dsl.Head([])` is None and `dsl.Map(dsl.SQUARE, [20])`
    is [400].
    """
    dsl = types.SimpleNamespace()
    for lam in LAMBDAS:
        setattr(dsl, lam.name, lam.func)
    for operation in OPERATIONS:
        setattr(dsl, operation.token, operation.func)
    return dsl


def dsl_program_to_python(
    program: str, pythonic: bool = False, config: DeepCoderConfig = DEFAULT_CONFIG
) -> str:
    """Parses a DSL program string and renders it as Python.

    Uses version 4 ("Pythonic") if `pythonic`, else version 1, as the LLM
    experiments did.
    """
    parsed = Program.from_str(program, config)
    return parsed.to_python_program(version=4 if pythonic else 1)


def run_python_program(
    python_program: str,
    inputs: Mapping[str, Sequence[Any]],
    program_name: str = "program",
) -> list[Any] | None:
    """Runs a Python-rendered program on every example.

    Args:
        python_program: Source defining the function `program_name`.
        inputs: Input name -> that input's value in each example; the function
            is called with the names in this order.
        program_name: Name of the function to call.

    Returns:
        One output per example, None for an example whose call raised; or
        None if defining the function raised. Outputs are not validated.

    Raises:
        ValueError: If `inputs` is empty or its lists differ in length.
    """
    num_examples = _num_examples(inputs)
    call_code = f"{program_name}({', '.join(inputs.keys())})"
    namespace: dict[str, Any] = {"dsl": dsl_namespace()}
    try:
        exec(python_program, namespace)
    except Exception:
        # Any failure to define the function (syntax error, ...) means "no
        # program", as in the original's bare except.
        return None
    outputs = []
    for i in range(num_examples):
        example_namespace = dict(namespace)
        for name, values in inputs.items():
            example_namespace[name] = values[i]
        try:
            output = eval(call_code, example_namespace)
        except Exception:
            output = None
        outputs.append(output)
    return outputs


def _num_examples(inputs: Mapping[str, Sequence[Any]]) -> int:
    if not inputs:
        raise ValueError("run_python_program needs at least one input")
    lengths = {name: len(values) for name, values in inputs.items()}
    if len(set(lengths.values())) != 1:
        raise ValueError(f"inputs have different numbers of examples: {lengths}")
    return next(iter(lengths.values()))
