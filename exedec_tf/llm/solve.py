"""Solving one problem: the baseline and the ExeDec step loop (spec/llm.md §5).

Both solvers take `sample(prompt, n) -> list[str]` (a backend already bound
to model, temperature, token limit and cache) and `execute(code, inputs)`
(an executor for model-written code, normally a `Sandbox`).
"""

import time
from collections.abc import Callable, Sequence

from exedec_tf.llm import adapters, prompts
from exedec_tf.llm.execution import Executor
from exedec_tf.llm.parsing import cut_program_from_sample
from exedec_tf.llm.problem import Problem

MAX_NUM_DEC_STEPS = 3

Sampler = Callable[[str, int], list]


def _solves(problem: Problem, code: str, execute: Executor) -> bool:
    try:
        outputs = execute(code, problem.inputs)
    except Exception:  # noqa: BLE001 - any failure of model code is a miss.
        return False
    return outputs is not None and list(outputs) == list(problem.outputs)


def solve_baseline(
    index: int,
    few_shots: Sequence[Problem],
    test_problem: Problem,
    domain: str,
    version: int,
    sample: Sampler,
    num_samples: int,
    execute: Executor,
) -> dict:
    """Direct prompting: one call for `num_samples` programs, success = any of n.

    Returns:
      The result record: index, test_problem (as a JSON array), samples (the
      raw responses), success, elapsed_time.
    """
    start = time.perf_counter()
    prompt = prompts.build_prompt("baseline", domain, version, few_shots, test_problem)
    samples = list(sample(prompt, num_samples))
    success = any(
        _solves(test_problem, cut_program_from_sample(s), execute) for s in samples
    )
    return {
        "index": index,
        "test_problem": test_problem.to_json(),
        "samples": samples,
        "success": success,
        "elapsed_time": time.perf_counter() - start,
    }


def _attempt(
    few_shots, test_problem, domain, version, prompt_format, sample, execute, attempt
) -> tuple[str | None, list, bool]:
    adapter = adapters.get(domain)
    partial = test_problem.with_program(None)
    trajectory = []
    for step in range(1, MAX_NUM_DEC_STEPS + 1):
        try:
            prompt = prompts.step_prompt(
                prompt_format, domain, version, few_shots, partial, step, execute
            )
        except Exception:  # noqa: BLE001 - an invalid partial program ends it.
            break
        # attempt 0 asks for 1 sample; attempt a > 0 (distinct attempts) for
        # a + 1 and takes the last, so the cache keeps earlier ones.
        response = sample(prompt, attempt + 1)[attempt]
        program_step = cut_program_from_sample(response)
        trajectory.append(
            {"sample": response, "program_step": program_step, "prompt": prompt}
        )
        composed = adapter.compose(test_problem, partial.python_program, program_step)
        partial = partial.with_program(composed)
        if _solves(test_problem, composed, execute):
            return composed, trajectory, True
    return partial.python_program, trajectory, False


def solve_exedec(
    index: int,
    few_shots: Sequence[Problem],
    test_problem: Problem,
    domain: str,
    version: int,
    sample: Sampler,
    num_samples: int,
    execute: Executor,
    ablation: bool = False,
    distinct_attempts: bool = False,
) -> dict:
    """ExeDec prompting: up to `num_samples` attempts of at most 3 steps each.

    Each step asks for one completion, extracts the step code, appends it to
    the partial program and executes it; the next prompt shows the actual
    execution results. An attempt ends on success, after 3 steps, or when
    the next prompt cannot be built (a trajectory check fails).

    With `distinct_attempts` False (the original's behaviour) every attempt
    asks for one sample per prompt, so with a cache all attempts replay the
    first one (spec §6). With True, attempt a uses the a-th sample of each
    prompt, so attempts differ at temperature > 0.

    Returns:
      The result record: index, test_problem, samples (the composed program
      of each attempt), trajectories (per attempt, per step: sample,
      program_step, prompt), success, elapsed_time.
    """
    start = time.perf_counter()
    prompt_format = "exedec_ablation" if ablation else "exedec"
    samples, trajectories, success = [], [], False
    for attempt in range(num_samples):
        program, trajectory, success = _attempt(
            few_shots,
            test_problem,
            domain,
            version,
            prompt_format,
            sample,
            execute,
            attempt if distinct_attempts else 0,
        )
        samples.append(program)
        trajectories.append(trajectory)
        if success:
            break
    return {
        "index": index,
        "test_problem": test_problem.to_json(),
        "samples": samples,
        "trajectories": trajectories,
        "success": success,
        "elapsed_time": time.perf_counter() - start,
    }


def solve(prompt_format: str, **kwargs) -> dict:
    """Dispatches to `solve_baseline` or `solve_exedec` by prompt format."""
    prompts.check_format(prompt_format)
    if prompt_format == "baseline":
        return solve_baseline(**kwargs)
    return solve_exedec(ablation=prompt_format == "exedec_ablation", **kwargs)
