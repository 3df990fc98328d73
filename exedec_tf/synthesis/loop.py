"""The ExeDec loop over many problems at once (inference spec §2.4-2.8).

Every problem keeps its own outer beam and step counter; at each step the
running problems are stacked into one `[B, K, E, L]` model call and each batch
item's results update only its own problem. As problems finish, waiting ones
take their places (at their own step 0). Because a beam search treats batch
items independently, the results are those of running the problems one at a
time, as the original did.
"""

import dataclasses
import timeit
from collections.abc import Callable, Iterable

import numpy as np

from exedec_tf.domains.base import Domain
from exedec_tf.synthesis import model_calls, steps
from exedec_tf.synthesis.attribution import FirstErrorTracker
from exedec_tf.synthesis.beam_model import BeamSearchModel
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.records import OuterBeam, Problem, ProblemResult, SlotResult
from exedec_tf.synthesis.step_records import step_records


@dataclasses.dataclass
class _Running:
    """A problem inside the loop."""

    problem: Problem
    beam: OuterBeam
    num_inputs: int
    step_limit: int
    start: float
    tracker: FirstErrorTracker
    step: int = 0

    def running(self) -> bool:
        return bool((~self.beam.finished).any()) and self.step < self.step_limit


def run_exedec(
    problems: Iterable[Problem],
    domain: Domain,
    synthesizer: BeamSearchModel,
    spec_decomposer: BeamSearchModel | None = None,
    options: LoopOptions | None = None,
    batch_size: int = 1,
    on_result: Callable[[ProblemResult], None] | None = None,
) -> list[ProblemResult]:
    """Runs the ExeDec loop on every problem; results come in input order.

    Args:
      problems: the problems (any iterable; read lazily).
      domain: their domain.
      synthesizer: the Synthesizer, or the joint model when
        `options.prediction_type == "joint"`.
      spec_decomposer: the SpecDecomposer (separate mode only).
      options: loop options (beam size, flags); the defaults if None.
      batch_size: how many problems advance together (1 = the original).
      on_result: called with each result as soon as its problem ends (in
        completion order, which may differ from input order).

    Raises:
      ValueError: a SpecDecomposer is missing in separate mode or given in
        joint mode, or batch_size < 1.
      exedec_tf.synthesis.model_calls.ModelMismatchError: models disagree on
        E or L, or a problem has the wrong number of examples.
      exedec_tf.domains.loop_ops.SpecEncodingError: a problem string does
        not fit the spec vocabulary or length.
    """
    options = LoopOptions() if options is None else options
    if options.separate and spec_decomposer is None:
        raise ValueError("prediction_type='separate' needs a spec_decomposer model")
    if not options.separate and spec_decomposer is not None:
        raise ValueError("prediction_type='joint' takes no spec_decomposer model")
    if type(batch_size) is not int or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    models = [synthesizer] + ([spec_decomposer] if options.separate else [])
    num_examples, length = model_calls.check_models(models)
    ops = domain.loop_ops()
    k = options.beam_size

    def start(problem: Problem) -> _Running:
        inputs, outputs = model_calls.encode_problem(ops, problem, num_examples, length)
        num_inputs = ops.num_inputs(problem.inputs)
        beam = OuterBeam.initial(inputs, outputs, ops.initial_program(num_inputs), k)
        return _Running(
            problem,
            beam,
            num_inputs,
            ops.step_limit(num_inputs),
            timeit.default_timer(),
            FirstErrorTracker(domain, problem),
        )

    results: dict[int, ProblemResult] = {}
    order: list[int] = []
    pending = iter(enumerate(problems))
    pool: list[tuple[int, _Running]] = []
    exhausted = False
    while True:
        while not exhausted and len(pool) < batch_size:
            item = next(pending, None)
            if item is None:
                exhausted = True
            else:
                order.append(item[0])
                pool.append((item[0], start(item[1])))
        done = [(n, s) for n, s in pool if not s.running()]
        for n, state in done:
            results[n] = _finish(state, ops, k)
            if on_result is not None:
                on_result(results[n])
        pool = [(n, s) for n, s in pool if s.running()]
        if not pool:
            if exhausted:
                break
            continue
        _advance(
            [s for _, s in pool], ops, options, synthesizer, spec_decomposer, batch_size
        )
    return [results[n] for n in order]


def _stack(states: list[_Running], field: str) -> np.ndarray:
    return np.stack([getattr(s.beam, field) for s in states])


def _advance(states, ops, options, synthesizer, spec_decomposer, batch_size) -> None:
    """One loop iteration (spec step, then synth step) for every state.

    Model calls are padded to `batch_size` items so their shape never changes.
    """
    if options.separate:
        results = model_calls.call_beam_search(
            spec_decomposer,
            _stack(states, "current_inputs"),
            _stack(states, "current_outputs"),
            _stack(states, "scores"),
            _stack(states, "finished"),
            pad_to=batch_size,
        )
        for b, state in enumerate(states):
            seqs, scores, origin = (r[b] for r in results)
            state.beam = steps.spec_update(
                state.beam, seqs, scores, origin, ops, options
            )
            state.tracker.after_spec(state.beam, state.step)
        for state in states:
            if state.beam.finished.all():
                state.step += 1  # The half-step counts (§5 item 20).
        states = [s for s in states if not s.beam.finished.all()]
        if not states:
            return
    outputs_field = "step_outputs" if options.separate else "current_outputs"
    results = model_calls.call_beam_search(
        synthesizer,
        _stack(states, "current_inputs"),
        _stack(states, outputs_field),
        _stack(states, "scores"),
        _stack(states, "finished"),
        pad_to=batch_size,
    )
    for b, state in enumerate(states):
        seqs, scores, origin = (r[b] for r in results)
        was_finished = bool(state.beam.finished[origin[-1]])
        state.beam = steps.synth_update(
            state.beam,
            seqs,
            scores,
            origin,
            ops,
            options,
            state.problem.inputs,
            state.problem.outputs,
            state.step + state.num_inputs,
        )
        best_part = np.zeros_like(seqs[-1]) if was_finished else seqs[-1]
        state.tracker.after_synth(state.beam, was_finished, best_part, state.step)
        state.step += 1


def _finish(state: _Running, ops, beam_size: int) -> ProblemResult:
    problem, beam = state.problem, state.beam
    slot, programs, satisfied = steps.first_solution(
        beam, ops, problem.inputs, problem.outputs
    )
    elapsed = timeit.default_timer() - state.start
    # Records for results, not part of the original's timed work.
    best_steps = step_records(ops, beam.trace[-1], problem.inputs)
    subgoals = beam.subgoals
    slots = tuple(
        SlotResult(
            program=None if p is None else p.text,
            score=float(beam.scores[i]),
            valid=bool(beam.valid[i]),
            finished=bool(beam.finished[i]),
            subgoals=subgoals[i],
            satisfied=satisfied[i],
        )
        for i, p in enumerate(programs)
    )
    solution = None
    if slot is not None:
        solution = (
            "[invalid program]" if programs[slot] is None else programs[slot].text
        )
    return ProblemResult(
        index=problem.index,
        success=slot is not None,
        solution=solution,
        solution_slot=slot,
        num_steps=state.step,
        time_s=elapsed,
        beam=slots,
        first_error=state.tracker.first_error,
        category=state.tracker.category(slot is not None, beam_size),
        best_steps=best_steps,
    )
