"""A loop result as the JSON answer of `POST /v1/synthesize`."""

from exedec_tf.domains.base import Domain
from exedec_tf.service.batcher import Job
from exedec_tf.service.engine import Outcome
from exedec_tf.service.request import SynthesisRequest


def synthesis_answer(
    request: SynthesisRequest,
    job: Job,
    outcome: Outcome,
    total_s: float,
    domain: Domain,
) -> dict:
    """The answer: program, per-example check, subgoal trace, timings.

    `steps` follows the element the program comes from (the solution, else
    the best one): its subgoals per example at each step, and, when that
    element is the best-scored one (the loop records program parts for it),
    the program part of each step and whether it achieved each subgoal.
    """
    result, report = outcome.result, outcome.report
    problem = request.problem
    examples = [
        {
            "input": given[0],
            "output": given[1],
            "got": got,
            "satisfied": got == expected,
        }
        for given, expected, got in zip(
            request.pairs, problem.outputs, report.outputs, strict=True
        )
    ]
    best_slot = len(result.beam) - 1
    slot = best_slot if result.solution_slot is None else result.solution_slot
    parts = {s.step: s for s in result.best_steps} if slot == best_slot else {}
    steps = []
    subgoals = report.subgoals
    for number in range(max(len(subgoals), len(parts))):
        # Joint mode predicts no subgoals; its steps still have parts.
        step = {
            "step": number,
            "subgoals": list(subgoals[number]) if number < len(subgoals) else None,
        }
        record = parts.get(number)
        if record is not None:
            step["program_part"] = _readable(domain, record.program_part)
            step["achieved"] = (
                None if record.achieved is None else list(record.achieved)
            )
        steps.append(step)
    return {
        "solved": report.solved,
        "program": None
        if report.program is None
        else {"dsl": report.dsl, "python": report.python, "released": report.program},
        "examples": examples,
        "steps": steps,
        "num_steps": report.num_steps,
        "beam_size": request.beam_size,
        "timings": {
            "queued_s": round(job.started - job.enqueued, 6),
            "synthesis_s": round(result.time_s, 6),
            "total_s": round(total_s, 6),
            "batch_size": job.batch_size,
        },
    }


def _readable(domain: Domain, part: str | None) -> str | None:
    """A program part in the readable DSL form (as released if it has none)."""
    if part is None:
        return None
    try:
        return domain.describe_program(part)
    except Exception:  # noqa: BLE001 - a part that does not parse alone.
        return part
