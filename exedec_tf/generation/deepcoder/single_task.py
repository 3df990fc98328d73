"""The original's older random-program sampler, still used for some tasks.

Only COMPOSE_NEW_OP train searches use it (splits spec §4.9): a quarter of
their tasks are single `Scanl1` statements sampled here, each on its own
freshly sampled inputs. It samples statements at random instead of
enumerating them. Speed does not matter here, so it works directly on DSL
`ProgramState`s and `Statement`s.
"""

import random
from collections.abc import Sequence
from typing import NamedTuple

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS, LAMBDAS_ONLY_MINUS_MIN, Lambda
from exedec_tf.dsl.deepcoder.operations import (
    FIRST_ORDER_OPERATIONS,
    HIGHER_ORDER_OPERATIONS,
    OPERATIONS,
    Operation,
)
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.statement import Statement
from exedec_tf.experiments import Experiment
from exedec_tf.generation.deepcoder.inputs import new_variable, random_inputs

# Attempts per statement before the whole program is given up.
_MAX_STATEMENT_ATTEMPTS = 21


class ProgramTask(NamedTuple):
    """A program with its example inputs and outputs (DSL values).

    Attributes:
      program: The program.
      inputs: Per example, the input values in input order.
      outputs: Per example, the program's output.
    """

    program: Program
    inputs: list[list]
    outputs: list


def _variables_by_type(state: ProgramState) -> dict[type, list[str]]:
    by_type: dict[type, list[str]] = {int: [], list: []}
    for variable, value in zip(state.variables, state.values, strict=True):
        by_type[type(value)].append(variable)
    return by_type


def is_valid_operation(operation: Operation, by_type: dict[type, list[str]]) -> bool:
    """Whether every variable argument type of the operation has a variable."""
    return all(by_type[t] for t in operation.arg_types if t is int or t is list)


def is_redundant(states: Sequence[ProgramState]) -> bool:
    """Whether the newest value equals one earlier variable in every example."""
    common = set(range(len(states[0]) - 1))
    for state in states:
        latest = state.values[-1]
        common.intersection_update(
            i for i, value in enumerate(state.values[:-1]) if value == latest
        )
        if not common:
            return False
    return bool(common)


def random_statement(
    rng: random.Random,
    state: ProgramState,
    unused: Sequence[str],
    is_train: bool,
    canonical: bool,
    experiment: Experiment | None,
    operations: Sequence[Operation],
    lambdas: Sequence[Lambda],
    last: bool = False,
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> Statement:
    """Samples one well-typed statement for `state` (an example's state).

    Unused variables are forced into the arguments: all of them for the last
    statement, else the single one with probability 1/2, or 1 or 2 of several.
    Forced variables that no operation can take at once are dropped at random.
    """
    variable = new_variable(rng, state.variables, canonical, config)
    by_type = _variables_by_type(state)
    valid_operations = [op for op in operations if is_valid_operation(op, by_type)]

    required: list[str] = []
    if last:
        required = list(unused)
    elif len(unused) == 1:
        if rng.random() < 0.5:
            required = list(unused)
    elif len(unused) >= 2:
        count = rng.choice([1, 2])
        required = rng.sample(list(unused), k=count)

    while True:
        required_types = [type(state.get_variable(v)) for v in required]
        fitting = [
            op
            for op in valid_operations
            if all(
                required_types.count(t) <= op.arg_types.count(t) for t in required_types
            )
        ]
        if fitting:
            break
        if not required:
            raise ValueError(
                f"no operation of {[op.token for op in operations]} is usable "
                f"with variables {state.variables}"
            )
        required.pop(rng.choice(range(len(required))))

    operation = rng.choice(fitting)
    args: list = []
    for arg_type in operation.arg_types:
        if arg_type is int or arg_type is list:
            args.append(rng.choice(by_type[arg_type]))
            continue
        if (
            experiment is Experiment.ADD_OP_FUNCTIONALITY
            and is_train
            and operation.token == "Scanl1"
        ):
            options = list(LAMBDAS_ONLY_MINUS_MIN)
        else:
            options = [lam for lam in lambdas if lam.type == arg_type]
        args.append(rng.choice(options))

    used_slots: set[int] = set()
    for required_variable, required_type in zip(required, required_types, strict=True):
        slot = rng.choice(
            [
                i
                for i, arg_type in enumerate(operation.arg_types)
                if arg_type == required_type and i not in used_slots
            ]
        )
        args[slot] = required_variable
        used_slots.add(slot)
    return Statement(variable, operation, args, config)


def _sample_program(
    rng: random.Random,
    example_inputs: Sequence[Sequence],
    input_variables: Sequence[str],
    num_statements: int,
    is_train: bool,
    canonical: bool,
    experiment: Experiment | None,
    operations: Sequence[Operation],
    lambdas: Sequence[Lambda],
    config: DeepCoderConfig,
) -> Program | None:
    """Samples statements one by one; None if some position kept failing."""
    states = [ProgramState(inputs, input_variables) for inputs in example_inputs]
    statements: list[Statement] = []
    unused: list[str] = []
    for i in range(num_statements):
        if experiment is Experiment.SWITCH_CONCEPT_ORDER:
            # This old sampler counts Map as higher-order here.
            early = i < num_statements // 2
            if is_train:
                operations = (
                    HIGHER_ORDER_OPERATIONS if early else FIRST_ORDER_OPERATIONS
                )
            else:
                operations = (
                    FIRST_ORDER_OPERATIONS if early else HIGHER_ORDER_OPERATIONS
                )
        for _ in range(_MAX_STATEMENT_ATTEMPTS):
            statement = random_statement(
                rng,
                states[0],
                unused,
                is_train,
                canonical,
                experiment,
                operations,
                lambdas,
                last=i + 1 == num_statements,
                config=config,
            )
            next_states = [statement.run(state) for state in states]
            if all(s is not None for s in next_states) and not is_redundant(
                next_states
            ):
                break
        else:
            return None
        statements.append(statement)
        states = next_states
        unused.append(statement.variable)
        for arg in statement.args:
            if isinstance(arg, str) and arg in unused:
                unused.remove(arg)
    return Program(input_variables, statements, config)


def has_dead_code(program: Program) -> bool:
    """Whether a statement other than the last is never used (inputs may be)."""
    tokens = program.tokenize()
    return any(tokens.count(s.variable) == 1 for s in program.statements[:-1])


def random_task(
    rng: random.Random,
    num_examples: int,
    num_inputs: int,
    num_statements: int,
    is_train: bool,
    canonical: bool,
    experiment: Experiment | None = None,
    operations: Sequence[Operation] = OPERATIONS,
    lambdas: Sequence[Lambda] = LAMBDAS,
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> ProgramTask:
    """Samples inputs and a program until the program passes all filters.

    Rejected: programs that could not be built, have dead code, or give
    duplicate outputs, or (with several examples) the same output everywhere.
    """
    input_variables: list[str] = []
    while len(input_variables) < num_inputs:
        input_variables.append(new_variable(rng, input_variables, canonical, config))
    while True:
        example_inputs = random_inputs(rng, num_examples, num_inputs, config=config)
        program = _sample_program(
            rng,
            example_inputs,
            input_variables,
            num_statements,
            is_train,
            canonical,
            experiment,
            operations,
            lambdas,
            config,
        )
        if program is None or has_dead_code(program):
            continue
        outputs = [program.run_output(inputs) for inputs in example_inputs]
        texts = [str(output) for output in outputs]
        if len(set(texts)) < len(texts):
            continue
        # This older check exempts a single example from being "constant".
        if len(outputs) > 1 and all(output == outputs[0] for output in outputs):
            continue
        return ProgramTask(program, example_inputs, outputs)
