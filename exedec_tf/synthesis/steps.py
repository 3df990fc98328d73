"""The two half-steps of the ExeDec loop on one problem's outer beam.

Each function takes the outer beam before a model call and the call's results
(`seqs[K, T-1]`, `scores[K]`, `origin[K]` of one batch item) and returns the
next outer beam, following inference spec §2.5 exactly (slot order, penalties
applied again to already-invalid elements, discard rule by slot index).
"""

import collections
import dataclasses
from collections.abc import Sequence

import numpy as np

from exedec_tf.domains.loop_ops import DecodedProgram, LoopOps
from exedec_tf.synthesis.options import NEG_INF, LoopOptions
from exedec_tf.synthesis.records import OuterBeam, StepTrace


def split_outputs(
    ops: LoopOps,
    parts: Sequence[str],
    targets: Sequence[str],
    length: int,
    detect_invalid: bool,
) -> tuple[bool, bool, np.ndarray, np.ndarray, list[str]]:
    """§2.3 split_outputs for an unfinished slot.

    Args:
      ops: the domain helpers.
      parts: the subgoal (or executed output) strings, possibly malformed.
      targets: the outputs the parts are taken from.
      length: L, the padded spec length.
      detect_invalid: the loop option.

    Returns:
      (valid, last_step, step_outputs int32[E, L], current_outputs int32[E, L],
      the parts actually used).
    """
    num_examples = len(targets)
    parts = list(parts)
    valid = True
    if detect_invalid:
        if len(parts) != num_examples or all(not p for p in parts):
            parts = [ops.invalid_part] * num_examples
            valid = False
        if not ops.parts_parse(parts):
            valid = False
    else:
        parts = parts[:num_examples] + [""] * (num_examples - len(parts))
    step_outputs = np.stack([ops.encode_spec(p, length, add_eos=False) for p in parts])
    advanced, remaining, last_step = ops.advance_outputs(parts, targets, detect_invalid)
    current_outputs = np.stack(
        [ops.encode_spec(r, length, add_eos=True) for r in remaining]
    )
    return valid and advanced, last_step, step_outputs, current_outputs, parts


def _penalise(beam: OuterBeam, detect_invalid: bool) -> None:
    if detect_invalid:
        beam.scores = (beam.scores + NEG_INF * (~beam.valid)).astype(np.float32)
        beam.finished = beam.finished | ~beam.valid


def spec_update(
    beam: OuterBeam,
    seqs: np.ndarray,
    scores: np.ndarray,
    origin: np.ndarray,
    ops: LoopOps,
    options: LoopOptions,
) -> OuterBeam:
    """The SPEC STEP processing after a SpecDecomposer beam search."""
    beam = beam.gather(origin)
    k, num_examples, length = beam.current_outputs.shape
    finished_rows = np.stack(
        [ops.encode_spec(ops.finished_part, length, add_eos=False)] * num_examples
    )
    valid, last_step, step_outputs, current_outputs = [], [], [], []
    trace = list(beam.trace)
    for i in range(k):
        if beam.finished[i]:
            # A carried element keeps its spec; its subgoal is a placeholder.
            valid.append(bool(beam.valid[i]))
            last_step.append(bool(beam.last_step[i]))
            step_outputs.append(finished_rows)
            current_outputs.append(beam.current_outputs[i])
            continue
        targets = [ops.decode_spec(row) for row in beam.current_outputs[i]]
        v, last, so, co, parts = split_outputs(
            ops, ops.split_prediction(seqs[i]), targets, length, options.detect_invalid
        )
        valid.append(v)
        last_step.append(last)
        step_outputs.append(so)
        current_outputs.append(co)
        given = tuple(ops.decode_spec(row) for row in so)
        trace[i] = trace[i] + (StepTrace(subgoals=tuple(parts), targets=given),)
    beam.valid = np.array(valid, bool)
    beam.last_step = np.array(last_step, bool)
    beam.step_outputs = np.stack(step_outputs).astype(np.int32)
    beam.current_outputs = np.stack(current_outputs).astype(np.int32)
    beam.scores = np.asarray(scores, np.float32).copy()
    beam.trace = trace
    _penalise(beam, options.detect_invalid)
    return beam


def _join_programs(
    ops: LoopOps, beam: OuterBeam, seqs: np.ndarray, variable_index: int
) -> np.ndarray:
    """§2.3 join_programs; finished slots contribute an all-zero part."""
    parts = np.where(beam.finished[:, None], 0, seqs).astype(np.int32)
    prefix = np.asarray(ops.part_prefix(variable_index), np.int32)
    prefixes = np.stack(
        [
            prefix if part.max(initial=0) != 0 else np.zeros_like(prefix)
            for part in parts
        ]
    )
    return np.concatenate([beam.programs, prefixes, parts], axis=1)


def run_outputs(
    ops: LoopOps, program: DecodedProgram | None, inputs: Sequence[str]
) -> tuple[bool, list[str]]:
    """§2.3 run_program: (all runs succeeded, outputs with failures as "")."""
    if program is None:
        return False, [""] * len(inputs)
    outputs = ops.run(program, inputs)
    return all(o is not None for o in outputs), [
        "" if o is None else o for o in outputs
    ]


def synth_update(
    beam: OuterBeam,
    seqs: np.ndarray,
    scores: np.ndarray,
    origin: np.ndarray,
    ops: LoopOps,
    options: LoopOptions,
    inputs: Sequence[str],
    outputs: Sequence[str],
    variable_index: int,
) -> OuterBeam:
    """The SYNTH STEP processing after a Synthesizer (or joint) beam search.

    Args:
      inputs, outputs: the problem's original example strings.
      variable_index: `step + num_inputs` (DeepCoder's new variable).
    """
    beam = beam.gather(origin)
    k, _, length = beam.current_inputs.shape
    detect = options.detect_invalid
    beam.programs = _join_programs(ops, beam, seqs, variable_index)
    beam.scores = np.asarray(scores, np.float32).copy()
    beam.trace = _record_parts(beam, seqs, options.separate)
    valid, last_step, current_inputs, current_outputs = [], [], [], []
    by_trace = collections.defaultdict(list)
    for i in range(k):
        valid_i = bool(beam.valid[i])
        last_i = bool(beam.last_step[i])
        ci, co = beam.current_inputs[i], beam.current_outputs[i]
        if not beam.finished[i] and valid_i:
            program = ops.decode_program(beam.programs[i])
            valid_i = program is not None or not detect
            if options.use_execution:
                ran, run_outs = run_outputs(ops, program, inputs)
                valid_i = ran or not detect
                if valid_i or not options.separate:
                    valid_i, last_i, _, co, _ = split_outputs(
                        ops, run_outs, outputs, length, detect
                    )
                    ci = ops.join_inputs(run_outs, ci, variable_index, length)
            else:
                subgoal = [ops.decode_spec(row) for row in beam.step_outputs[i]]
                ci = ops.join_inputs(subgoal, ci, variable_index, length)
            if options.discard_repeat_functionality:
                # The higher slot (better score) of equal traces survives.
                key = ops.trace_key(program, inputs)
                for j in by_trace[key]:
                    valid[j] = False
                by_trace[key].append(i)
        valid.append(valid_i)
        last_step.append(last_i)
        current_inputs.append(ci)
        current_outputs.append(co)
    beam.valid = np.array(valid, bool)
    beam.last_step = np.array(last_step, bool)
    beam.current_inputs = np.stack(current_inputs).astype(np.int32)
    beam.current_outputs = np.stack(current_outputs).astype(np.int32)
    beam.finished = beam.finished | beam.last_step
    _penalise(beam, detect)
    return beam


def _record_parts(beam: OuterBeam, seqs: np.ndarray, separate: bool) -> list:
    """The lineages with this synth step's part added to every unfinished slot.

    In separate mode the slot's last entry is this step's spec entry (a slot
    unfinished now was unfinished at this step's spec step), which gets the
    part; in joint mode each part is a new entry.
    """
    trace = list(beam.trace)
    for i in np.flatnonzero(~beam.finished):
        entries = trace[i]
        entry = StepTrace(part=seqs[i].copy(), program=beam.programs[i].copy())
        if separate and entries and entries[-1].part is None:
            last = entries[-1]
            entry = dataclasses.replace(
                entry, subgoals=last.subgoals, targets=last.targets
            )
            entries = entries[:-1]
        trace[i] = entries + (entry,)
    return trace


def satisfied_examples(
    ops: LoopOps,
    program: DecodedProgram | None,
    inputs: Sequence[str],
    outputs: Sequence[str],
) -> tuple[bool, ...]:
    """Per example, whether the program's output is the example's output.

    A failed run (or an invalid program) counts as output "", as in the
    original's success check (§2.8), so it satisfies an example whose output
    is the empty string.
    """
    ran = run_outputs(ops, program, inputs)[1]
    return tuple(got == want for got, want in zip(ran, outputs, strict=True))


def first_solution(
    beam: OuterBeam, ops: LoopOps, inputs: Sequence[str], outputs: Sequence[str]
) -> tuple[int | None, list[DecodedProgram | None], list[tuple[bool, ...]]]:
    """§2.8 success: the highest slot whose program reproduces every output.

    Every slot counts, whatever its validity, finished flag or score.

    Returns:
      (that slot or None, the decoded program of every slot, the examples
      each slot's program satisfies).
    """
    programs = [ops.decode_program(p) for p in beam.programs]
    satisfied = [satisfied_examples(ops, p, inputs, outputs) for p in programs]
    solved = [i for i, s in enumerate(satisfied) if all(s)]
    return (solved[-1] if solved else None), programs, satisfied
