"""Byte-exact few-shot prompts (spec/llm.md §4).

A prompt is `[description, few-shot 1..4, unfinished test problem]` joined
with "\\n". Few-shot blocks end with "[END PROBLEM]\\n\\n", so blocks are
separated by two empty lines.
"""

from collections.abc import Sequence

from exedec_tf.llm import adapters
from exedec_tf.llm.description import dsl_description
from exedec_tf.llm.execution import Executor, in_process_executor
from exedec_tf.llm.problem import Problem

FORMATS = ("baseline", "exedec", "exedec_ablation")
_PUTTING_TOGETHER = "Putting the steps together"


def check_format(prompt_format: str) -> None:
    """Raises ValueError naming `prompt_format` unless it is known."""
    if prompt_format not in FORMATS:
        raise ValueError(
            f"unknown prompt format {prompt_format!r}; expected one of {FORMATS}"
        )


def _header(problem: Problem, adapter, step_by_step: bool) -> str:
    lines = ["[BEGIN PROBLEM]\nInput-output test cases:\n"]
    for i in range(problem.num_examples()):
        lines.append(f"  Case {i + 1}. {adapter.case_text(problem, i, step_by_step)}\n")
    return "".join(lines)


def _suffix(problem: Problem) -> str:
    return f"{problem.python_program}\n```\n[END PROBLEM]\n\n"


def baseline_block(problem: Problem, domain: str, complete: bool) -> str:
    """One problem in the baseline format; `complete` adds program and end marker."""
    text = _header(problem, adapters.get(domain), False) + "\nProgram:\n```python\n"
    return text + _suffix(problem) if complete else text


def exedec_block(
    problem: Problem,
    domain: str,
    ablation: bool,
    complete: bool,
    execute: Executor | None = None,
) -> str:
    """One problem in an ExeDec format (spec §4.4).

    Args:
      problem: the problem; `python_program` None means nothing solved yet.
      domain: "deepcoder" or "robustfill".
      ablation: code before the computed values (`exedec_ablation`).
      complete: append the full program and the end marker (few-shot form).
      execute: runs the partial programs of the trajectory (default: in this
        process, only for trusted programs).

    Raises:
      adapters.TrajectoryError: an intermediate value fails a check.
    """
    adapter = adapters.get(domain)
    text = _header(problem, adapter, True) + "\nWe solve this problem step-by-step.\n\n"
    if problem.python_program is None:
        return text + ("Step 1 code:\n" if ablation else "Step 1 computes:\n")
    execute = execute or in_process_executor(domain)
    for j, (subgoals, code) in enumerate(adapter.trajectory(problem, execute), 1):
        computes = f"Step {j} computes:\n" + "".join(
            f"  Case {i}. {line}\n" for i, line in enumerate(subgoals, 1)
        )
        step_code = f"Step {j} code:\n```python\n{code.strip()}\n```\n"
        if ablation:
            text += step_code + "\n" + computes + "\n"
        else:
            text += computes + "\n" + step_code + "\n"
    text += f"{_PUTTING_TOGETHER}, the problem is solved with the program:\n```python\n"
    return text + _suffix(problem) if complete else text


def build_prompt(
    prompt_format: str,
    domain: str,
    version: int,
    few_shots: Sequence[Problem],
    test_problem: Problem,
    execute: Executor | None = None,
) -> str:
    """The full prompt for `test_problem` (its program None at ExeDec step 1).

    Args:
      prompt_format: "baseline", "exedec" or "exedec_ablation".
      domain, version: the DSL and its Python rendering version.
      few_shots: the few-shot problems, in file order (trusted: their
        trajectories run in this process).
      test_problem: the problem to solve; for the ExeDec formats, a partial
        program in `python_program` is rendered as steps with real values.
      execute: runs the test problem's partial programs (use a sandbox for
        model-written code).

    Raises:
      ValueError: unknown format, domain or version.
      adapters.TrajectoryError: a partial program gives an invalid value.
    """
    check_format(prompt_format)
    if prompt_format == "baseline":
        parts = [dsl_description(domain, version)]
        parts.extend(baseline_block(p, domain, True) for p in few_shots)
        parts.append(baseline_block(test_problem, domain, False))
        return "\n".join(parts)
    ablation = prompt_format == "exedec_ablation"
    parts = [dsl_description(domain, version, step_by_step=True)]
    parts.extend(exedec_block(p, domain, ablation, True) for p in few_shots)
    parts.append(exedec_block(test_problem, domain, ablation, False, execute))
    return "\n".join(parts)


def step_prompt(
    prompt_format: str,
    domain: str,
    version: int,
    few_shots: Sequence[Problem],
    partial: Problem,
    step: int,
    execute: Executor | None = None,
) -> str:
    """The prompt of ExeDec step `step` (1-based) given the partial program so far.

    From step 2 on, the rendering of the partial problem is cut at the last
    "Putting the steps together" and the next step header is appended
    (spec §4.6).
    """
    if prompt_format == "baseline":
        raise ValueError("step prompts exist only for the ExeDec formats")
    prompt = build_prompt(prompt_format, domain, version, few_shots, partial, execute)
    if step == 1:
        return prompt
    prompt = prompt.rsplit(_PUTTING_TOGETHER, 1)[0]
    header = "code" if prompt_format == "exedec_ablation" else "computes"
    return prompt + f"Step {step} {header}:\n"
