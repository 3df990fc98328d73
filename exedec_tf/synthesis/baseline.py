"""The Transformer baseline: one beam search over whole programs (spec §2.11).

As in the original's predict phase, each problem gets one standard beam
search (one live hypothesis, nothing finished); every beam element is cut
after its first EOS, decoded and run on the inputs, and the problem is solved
if any element reproduces all example outputs.
"""

import timeit
from collections.abc import Callable, Iterable

import numpy as np

from exedec_tf.domains.base import Domain
from exedec_tf.synthesis import model_calls
from exedec_tf.synthesis.beam_model import BeamSearchModel
from exedec_tf.synthesis.options import NEG_INF
from exedec_tf.synthesis.records import Problem, ProblemResult, SlotResult


def run_baseline(
    problems: Iterable[Problem],
    domain: Domain,
    model: BeamSearchModel,
    beam_size: int = 10,
    batch_size: int = 8,
    on_result: Callable[[ProblemResult], None] | None = None,
) -> list[ProblemResult]:
    """Evaluates the baseline model on every problem; results in input order.

    Args:
      problems: the problems.
      domain: their domain.
      model: the baseline model's beam search.
      beam_size: K.
      batch_size: problems per beam-search call (the original used 8).
      on_result: called with each result as soon as it is known.

    Returns:
      One ProblemResult per problem (num_steps is 1; the solution is the
      best-scored matching element).
    """
    if type(batch_size) is not int or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    if type(beam_size) is not int or beam_size < 1:
        raise ValueError(f"beam_size must be a positive int, got {beam_size!r}")
    ops = domain.loop_ops()
    num_examples, length = model.num_examples, model.spec_length
    results: list[ProblemResult] = []
    batch: list[Problem] = []

    def flush():
        start = timeit.default_timer()
        encoded = [
            model_calls.encode_problem(ops, p, num_examples, length) for p in batch
        ]
        tile = lambda x: np.repeat(x[:, None], beam_size, axis=1)  # noqa: E731
        inputs = tile(np.stack([e[0] for e in encoded]))
        outputs = tile(np.stack([e[1] for e in encoded]))
        scores = np.full([len(batch), beam_size], NEG_INF, np.float32)
        scores[:, 0] = 0.0
        finished = np.zeros([len(batch), beam_size], bool)
        seqs, scores, _ = model_calls.call_beam_search(
            model, inputs, outputs, scores, finished, pad_to=batch_size
        )
        elapsed = (timeit.default_timer() - start) / len(batch)
        for b, problem in enumerate(batch):
            result = _judge(ops, problem, seqs[b], scores[b], elapsed)
            results.append(result)
            if on_result is not None:
                on_result(result)
        batch.clear()

    for problem in problems:
        batch.append(problem)
        if len(batch) == batch_size:
            flush()
    if batch:
        flush()
    return results


def _judge(ops, problem, seqs, scores, elapsed) -> ProblemResult:
    slots, solution_slot = [], None
    for i, seq in enumerate(seqs):
        program = ops.decode_baseline_program(seq)
        outputs = None if program is None else ops.run(program, problem.inputs)
        if outputs is None:
            outputs = [None] * len(problem.inputs)
        satisfied = tuple(
            got == want for got, want in zip(outputs, problem.outputs, strict=True)
        )
        if all(satisfied):
            solution_slot = i  # The last match is the best-scored one.
        slots.append(
            SlotResult(
                program=None if program is None else program.text,
                score=float(scores[i]),
                valid=program is not None,
                finished=True,
                subgoals=(),
                satisfied=satisfied,
            )
        )
    return ProblemResult(
        index=problem.index,
        success=solution_slot is not None,
        solution=None if solution_slot is None else slots[solution_slot].program,
        solution_slot=solution_slot,
        num_steps=1,
        time_s=elapsed,
        beam=tuple(slots),
    )
