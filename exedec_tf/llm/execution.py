"""Running Python-rendered programs on a problem's inputs (spec/llm.md §3).

`run_program` executes code **in this process**: use it only for trusted code
(the released few-shot programs). Model-written code goes through
`exedec_tf.llm.sandbox`, whose worker calls this same function in a
separate, resource-limited process.
"""

import copy
from collections.abc import Callable
from typing import Any

# A function (code, inputs) -> one result per example, or None if defining the
# code fails. `run_program` bound to a domain and `Sandbox.run` both fit.
Executor = Callable[[str, Any], "list | None"]


def runtime(domain: str):
    """A fresh `dsl` object for programs of `domain`."""
    # Imported lazily so the sandbox worker only loads the DSL it needs.
    if domain == "deepcoder":
        from exedec_tf.dsl.deepcoder.python_exec import dsl_namespace

        return dsl_namespace()
    if domain == "robustfill":
        from exedec_tf.dsl.robustfill.python_render import make_runtime

        return make_runtime()
    raise ValueError(f"unknown domain {domain!r}")


def num_examples(domain: str, inputs) -> int:
    """The number of examples in DeepCoder (dict) or RobustFill (list) inputs.

    Raises:
      ValueError: the inputs do not have the domain's shape.
    """
    if domain == "deepcoder":
        if not isinstance(inputs, dict) or not inputs:
            raise ValueError(f"DeepCoder inputs must be a non-empty dict: {inputs!r}")
        lengths = {len(v) for v in inputs.values()}
        if len(lengths) != 1:
            raise ValueError(f"DeepCoder inputs differ in length: {inputs!r}")
        return lengths.pop()
    if domain == "robustfill":
        if not isinstance(inputs, list):
            raise ValueError(f"RobustFill inputs must be a list: {inputs!r}")
        return len(inputs)
    raise ValueError(f"unknown domain {domain!r}")


def _bindings(domain: str, inputs, index: int) -> tuple[str, dict]:
    if domain == "deepcoder":
        call = f"program({', '.join(inputs)})"
        return call, {name: values[index] for name, values in inputs.items()}
    return "program(x)", {"x": inputs[index]}


def run_program(domain: str, code: str, inputs) -> list | None:
    """Executes `code` and calls `program(...)` on every example.

    Follows the original: the code is exec'd in a namespace holding only the
    `dsl` runtime; each example gets a shallow copy of that namespace with
    the inputs bound, and `program(<input names>)` is evaluated there.
    Deliberate deviation: the inputs are deep-copied per example, so a
    program that mutates its arguments cannot change the stored problem.

    Returns:
      None if exec'ing the code raises; otherwise one raw result per example
      (None where the call raised). Like the original's bare `except`, any
      exception counts, even SystemExit and KeyboardInterrupt.
    """
    count = num_examples(domain, inputs)
    namespace = {"dsl": runtime(domain)}
    try:
        exec(code, namespace)
    except BaseException:  # noqa: BLE001 - the original's bare except.
        return None
    results = []
    for i in range(count):
        call, bound = _bindings(domain, inputs, i)
        example_namespace = dict(namespace)
        example_namespace.update(copy.deepcopy(bound))
        try:
            results.append(eval(call, example_namespace))
        except BaseException:  # noqa: BLE001
            results.append(None)
    return results


def in_process_executor(domain: str) -> Executor:
    """An Executor that runs trusted code in this process."""

    def execute(code: str, inputs) -> list | None:
        return run_program(domain, code, inputs)

    return execute
