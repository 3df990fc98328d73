"""Running Python-rendered programs on a problem's inputs (spec/llm.md §3).

`run_program` executes code **in this process**: use it only for trusted code
(the released few-shot programs). Model-written code goes through
`exedec_tf.llm.sandbox`, whose worker calls this same function in a
separate, resource-limited process.
"""

import copy

from exedec_tf import domains

# Executor: a function (code, inputs) -> one result per example, or None if
# defining the code fails. `run_program` bound to a domain and `Sandbox.run`
# both fit.
from exedec_tf.domains.prompt_adapter import Executor

__all__ = ["Executor", "in_process_executor", "num_examples", "run_program", "runtime"]


def runtime(domain: str):
    """A fresh `dsl` object for programs of `domain`."""
    return domains.get(domain).python_runtime()


def num_examples(domain: str, inputs) -> int:
    """The number of examples in `domain`'s Python-form inputs.

    Raises:
      ValueError: the inputs do not have the domain's shape (DeepCoder: a
        dict of equally long lists; RobustFill: a list).
    """
    return domains.get(domain).python_num_examples(inputs)


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
    dsl_domain = domains.get(domain)
    count = dsl_domain.python_num_examples(inputs)
    namespace = {"dsl": dsl_domain.python_runtime()}
    try:
        exec(code, namespace)
    except BaseException:  # noqa: BLE001 - the original's bare except.
        return None
    results = []
    for i in range(count):
        call, bound = dsl_domain.python_call(inputs, i)
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
