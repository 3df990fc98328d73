"""Synthesis for a user's own examples: parsing them, running, reporting."""

import dataclasses
import json
import pathlib

from exedec_tf.domains.base import Domain
from exedec_tf.domains.loop_ops import SpecEncodingError
from exedec_tf.synthesis import example_slots
from exedec_tf.synthesis.baseline import run_baseline
from exedec_tf.synthesis.beam_model import BeamSearchModel
from exedec_tf.synthesis.loop import run_exedec
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.records import Problem, ProblemResult

ARROW = " -> "


def split_example(text: str, number: int) -> tuple[str, str]:
    """Splits `input -> output` at the first ` -> `.

    Raises:
      SpecEncodingError: there is no ` -> ` in the text.
    """
    if ARROW not in text:
        raise SpecEncodingError(
            f"example {number} ({text!r}) has no {ARROW.strip()!r} between input "
            f"and output (write 'input -> output', spaces around the arrow)"
        )
    left, right = text.split(ARROW, 1)
    return left, right


def read_examples_json(path) -> list[tuple[object, object]]:
    """Examples from a JSON file: a list of `{"input": ..., "output": ...}`.

    (A top-level `{"examples": [...]}` is accepted too.) RobustFill inputs and
    outputs are strings; DeepCoder inputs are lists of input values and
    outputs are values.
    """
    try:
        data = json.loads(pathlib.Path(path).read_text())
    except json.JSONDecodeError as error:
        raise SpecEncodingError(f"{path} is not valid JSON: {error}") from None
    if isinstance(data, dict):
        data = data.get("examples")
    if not isinstance(data, list):
        raise SpecEncodingError(f"{path}: expected a list of examples")
    pairs = []
    for number, item in enumerate(data):
        if not isinstance(item, dict) or set(item) != {"input", "output"}:
            raise SpecEncodingError(
                f"{path}: example {number} must be an object with exactly the "
                f'keys "input" and "output", got {item!r}'
            )
        pairs.append((item["input"], item["output"]))
    return pairs


def problem_from_examples(domain: Domain, pairs) -> Problem:
    """A Problem from user (input, output) pairs in the domain's user format.

    Raises:
      SpecEncodingError: naming the example and the bad character or value.
      example_slots.ExampleCountError: there are no examples.
    """
    pairs = list(pairs)
    example_slots.require_examples(len(pairs))
    ops = domain.loop_ops()
    inputs, outputs = [], []
    for number, (given_input, given_output) in enumerate(pairs):
        try:
            text_in, text_out = ops.parse_user_example(given_input, given_output)
        except SpecEncodingError as error:
            raise SpecEncodingError(f"example {number}: {error}") from None
        inputs.append(text_in)
        outputs.append(text_out)
    if len({ops.num_inputs([i]) for i in inputs}) > 1:
        raise SpecEncodingError("all examples must have the same number of inputs")
    return Problem(tuple(inputs), tuple(outputs))


@dataclasses.dataclass(frozen=True)
class SynthesisReport:
    """What `exedec-tf synthesize` prints.

    Attributes:
      solved: the program satisfies every example.
      program: the found program (released string), or the best element's if
        none satisfies all examples, or None if even that is invalid.
      dsl: its readable DSL form.
      python: its Python rendering.
      outputs: its output on each example (None where it fails).
      subgoals: per step, the subgoals its lineage followed.
      num_steps: loop steps taken.
      filling: how the examples filled the models' example slots.
    """

    solved: bool
    program: str | None
    dsl: str | None
    python: str | None
    outputs: tuple
    subgoals: tuple
    num_steps: int
    filling: example_slots.SlotFilling


def synthesize_examples(
    problem: Problem,
    domain: Domain,
    *,
    synthesizer: BeamSearchModel | None = None,
    spec_decomposer: BeamSearchModel | None = None,
    baseline: BeamSearchModel | None = None,
    options: LoopOptions | None = None,
) -> SynthesisReport:
    """Runs ExeDec (or the baseline) on one problem and describes the result.

    The problem may have any number of examples: they fill the models'
    example slots and success is checked on all of them (`example_slots`).
    """
    options = LoopOptions() if options is None else options
    model = baseline if baseline is not None else synthesizer
    filling = example_slots.fill_slots(problem, model.num_examples)
    if baseline is not None:
        [result] = run_baseline([filling.spec], domain, baseline, options.beam_size, 1)
    else:
        [result] = run_exedec(
            [filling.spec], domain, synthesizer, spec_decomposer, options
        )
    result = example_slots.check_all(result, filling, domain)
    return report_from_result(problem, domain, result, filling)


def report_from_result(
    problem: Problem,
    domain: Domain,
    result: ProblemResult,
    filling: example_slots.SlotFilling | None = None,
) -> SynthesisReport:
    """Describes one loop result: the solution, else the best element.

    (The service builds its reports from a batched run with it, so they are
    those of `synthesize_examples`.)

    Args:
      problem: every given example (the report runs the program on all).
      domain: their domain.
      result: the loop's result, its success decided on all of `problem`.
      filling: how `problem` filled the models' slots; default one example
        per slot (the problem went to the models as it is).
    """
    if filling is None:
        filling = example_slots.fill_slots(problem, len(problem.inputs))
    slot = result.solution_slot
    if slot is None:
        slot = len(result.beam) - 1
    element = result.beam[slot]
    program = element.program
    dsl = python = None
    outputs: tuple = (None,) * len(problem.inputs)
    if program is not None:
        try:
            dsl = domain.describe_program(program)
            python = domain.program_to_python(program)
            outputs = tuple(domain.run_program(program, problem.inputs))
        except Exception:  # noqa: BLE001 - e.g. a DeepCoder program with no statements.
            dsl = dsl or program
    return SynthesisReport(
        solved=result.success,
        program=program,
        dsl=dsl,
        python=python,
        outputs=outputs,
        subgoals=element.subgoals,
        num_steps=result.num_steps,
        filling=filling,
    )


def format_report(problem: Problem, report: SynthesisReport) -> str:
    """The human-readable report: the program, each example's check, subgoals."""
    lines = []
    if report.program is None:
        lines.append("no valid program found")
    else:
        verdict = "satisfies" if report.solved else "does NOT satisfy"
        lines.append(f"program ({verdict} every example, {report.num_steps} steps):")
        lines.append(f"  {report.dsl or '(the empty program)'}")
        if report.python:
            lines.append("as Python:")
            lines.extend("  " + line for line in report.python.splitlines())
    filling = report.filling
    lines.append(f"examples ({filling.describe()}):")
    unseen = filling.unseen
    for i, (x, y, got) in enumerate(
        zip(problem.inputs, problem.outputs, report.outputs, strict=True)
    ):
        mark = "ok" if got == y else f"got {got!r}"
        if i in unseen:
            mark += ", not in the spec"
        lines.append(f"  {i}: {x!r} -> {y!r}  [{mark}]")
    if report.subgoals:
        per_slot = filling.num_given != len(filling.sources)
        lines.append("subgoals (one per model slot):" if per_slot else "subgoals:")
        for step, parts in enumerate(report.subgoals, 1):
            lines.append(f"  step {step}: {list(parts)}")
    return "\n".join(lines)


def synthesize_from_paths(
    domain: Domain,
    pairs,
    model_paths,
    options: LoopOptions | None = None,
) -> tuple[Problem, SynthesisReport]:
    """One call from user examples and SavedModel paths to a report.

    Args:
      domain: the domain.
      pairs: (input, output) examples in the domain's user format.
      model_paths: a `loading.ModelPaths` (it also picks the method).
      options: loop options; the model paths set `prediction_type`.

    Returns:
      (the problem built from the examples, the report).
    """
    from exedec_tf.synthesis import loading

    problem = problem_from_examples(domain, pairs)
    options = LoopOptions() if options is None else options
    if model_paths.method != "baseline":
        options = dataclasses.replace(options, prediction_type=model_paths.method)
    models = loading.load_models(model_paths, domain.name)
    return problem, synthesize_examples(problem, domain, options=options, **models)
