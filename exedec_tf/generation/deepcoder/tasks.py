"""Task generation per search and per shard (splits spec §4.1–§4.2).

A shard is the unit of parallelism: its RNG (seeded from experiment, split,
shard and seed) flows through all of its searches in order, including the
corruption draws of each task's decomposition records, so shards can be
generated independently but the searches of one shard cannot.
"""

import random
from collections.abc import Iterator, Sequence

from exedec_tf.domains.records import Task
from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS
from exedec_tf.dsl.deepcoder.operations import OPERATIONS_ONLY_SCAN
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.statement import Statement
from exedec_tf.experiments import Experiment, parse_experiment
from exedec_tf.generation.deepcoder.columns import ColumnTable
from exedec_tf.generation.deepcoder.inputs import new_variable, random_inputs
from exedec_tf.generation.deepcoder.primitives import Primitive, primitives, to_column
from exedec_tf.generation.deepcoder.records import (
    TaskTrace,
    task_record,
    trace_program_task,
)
from exedec_tf.generation.deepcoder.sampling import (
    max_searched_length,
    sample_programs,
)
from exedec_tf.generation.deepcoder.search import CandidateCache, Path
from exedec_tf.generation.deepcoder.single_task import random_task
from exedec_tf.generation.deepcoder.traces import PathTracer
from exedec_tf.generation.seeds import check_split, shard_rng

# Programs per search of the paper's data (the original drivers): 1000 for train,
# 10 for valid and test.
DEFAULT_PROGRAMS_PER_SEARCH = {"train": 1000, "valid": 10, "test": 10}


class SearchContext:
    """Settings and reusable caches for the searches of one shard.

    Attributes:
      experiment: The experiment.
      is_train: Whether programs follow the train distribution (train, valid).
      canonical: Whether variables are named x0, x1, ... in order (valid, test).
      num_programs: Tasks per search.
      num_examples: I/O examples per task.
      max_program_arity: Maximum number of inputs.
      config: DSL settings.
    """

    def __init__(
        self,
        experiment: Experiment,
        split: str,
        num_programs: int,
        num_examples: int,
        max_program_arity: int,
        config: DeepCoderConfig,
    ):
        """Creates the context; arguments must already be validated."""
        self.experiment = experiment
        self.is_train = split in ("train", "valid")
        self.canonical = split in ("valid", "test")
        self.num_programs = num_programs
        self.num_examples = num_examples
        self.max_program_arity = max_program_arity
        self.config = config
        self.prims: tuple[Primitive, ...] = primitives(config)
        self.cache = CandidateCache(self.prims)


def path_to_program(
    path: Path,
    input_names: Sequence[str],
    prims: Sequence[Primitive],
    config: DeepCoderConfig,
) -> Program:
    """Builds the DSL program of a search path."""
    names = list(input_names)
    statements = []
    for variable, prim_index, a, b in path:
        prim = prims[prim_index]
        args: list = [] if prim.lam is None else [prim.lam]
        args.append(names[a])
        if b >= 0:
            args.append(names[b])
        statements.append(Statement(variable, prim.operation, args, config))
        names.append(variable)
    return Program(input_names, statements, config)


def search_once(rng: random.Random, ctx: SearchContext) -> list[TaskTrace]:
    """One search attempt: new inputs, then up to `num_programs` programs.

    Returns the traces of the tasks (their records before the corruption
    draws); an attempt may return fewer tasks than wanted.
    """
    config = ctx.config
    num_inputs = rng.randint(1, ctx.max_program_arity)
    input_names: list[str] = []
    while len(input_names) < num_inputs:
        input_names.append(new_variable(rng, input_names, ctx.canonical, config))
    example_inputs = random_inputs(rng, ctx.num_examples, num_inputs, config=config)

    table = ColumnTable(ctx.prims)
    input_ids = [
        table.intern(to_column(column)) for column in zip(*example_inputs, strict=True)
    ]
    paths = sample_programs(
        rng,
        table,
        ctx.cache,
        ctx.prims,
        input_names,
        input_ids,
        [type(value) is list for value in example_inputs[0]],
        ctx.num_examples,
        ctx.experiment,
        ctx.is_train,
        ctx.canonical,
        ctx.num_programs,
        config,
    )
    tracer = PathTracer(table, ctx.prims, input_names, input_ids)
    tasks = [tracer.trace(path) for path in paths]

    if ctx.is_train and ctx.experiment is Experiment.COMPOSE_NEW_OP:
        # A quarter of the tasks are single Scanl1 statements, each with its
        # own inputs, sampled by the older random sampler.
        num_new = ctx.num_programs // 4
        num_keep = ctx.num_programs - num_new
        if len(tasks) > num_keep:
            tasks = rng.sample(tasks, num_keep)
        for _ in range(num_new):
            task = random_task(
                rng,
                ctx.num_examples,
                num_inputs,
                num_statements=1,
                is_train=True,
                canonical=ctx.canonical,
                experiment=ctx.experiment,
                operations=OPERATIONS_ONLY_SCAN,
                lambdas=LAMBDAS,
                config=config,
            )
            tasks.append(trace_program_task(task))
    rng.shuffle(tasks)
    return tasks


def search_tasks(rng: random.Random, ctx: SearchContext) -> list[Task]:
    """One complete search of a worker, as released records.

    Searches with new inputs until one gives `num_programs` tasks, then
    builds each task's record and decomposition steps in order (the steps'
    corruption draws follow each task, as in the original worker). As in the
    original, settings under which no search can find enough programs (e.g.
    far more programs per search than distinct behaviours exist) never end.
    """
    tasks: list[TaskTrace] = []
    while len(tasks) < ctx.num_programs:
        tasks = search_once(rng, ctx)
    if len(tasks) != ctx.num_programs:
        raise AssertionError(f"got {len(tasks)} tasks, wanted {ctx.num_programs}")
    return [task_record(rng, task, ctx.config) for task in tasks]


def make_context(
    experiment,
    split: str,
    num_programs_per_search: int | None = None,
    num_examples: int = 3,
    max_program_arity: int = 2,
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> SearchContext:
    """Validates generation settings and returns the shard's SearchContext.

    Raises:
      ValueError: naming the bad value.
    """
    exp = parse_experiment(experiment)
    check_split(split)
    if num_programs_per_search is None:
        num_programs_per_search = DEFAULT_PROGRAMS_PER_SEARCH[split]
    _check_int("num_programs_per_search", num_programs_per_search, 1)
    # With one example every enumerated program counts as having a constant
    # output and is rejected, so the original would search forever.
    _check_int("num_examples", num_examples, 2)
    _check_int("max_program_arity", max_program_arity, 1)
    if not isinstance(config, DeepCoderConfig):
        raise ValueError(f"config must be a DeepCoderConfig, got {config!r}")
    if num_examples > config.max_list_length + 1:
        # Corrupting an int step samples num_examples distinct ints from
        # [0, max_list_length]; the original loops forever otherwise.
        raise ValueError(
            f"num_examples={num_examples} needs max_list_length >= "
            f"{num_examples - 1} (config has {config.max_list_length})"
        )
    is_train = split in ("train", "valid")
    needed = max_program_arity + max_searched_length(exp, is_train)
    if needed > config.num_variables:
        raise ValueError(
            f"max_program_arity={max_program_arity} plus programs of up to "
            f"{needed - max_program_arity} statements need {needed} variable "
            f"names, but the config has {config.num_variables}"
        )
    return SearchContext(
        exp,
        split,
        num_programs_per_search,
        num_examples,
        max_program_arity,
        config,
    )


def _check_int(name: str, value, minimum: int) -> None:
    if type(value) is not int or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")


def generate_tasks(
    experiment,
    split: str,
    seed: int,
    shard: int,
    num_searches: int,
    num_programs_per_search: int | None = None,
    num_examples: int = 3,
    max_program_arity: int = 2,
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> Iterator[Task]:
    """Yields the tasks of one generation shard, exactly as the original.

    Args:
      experiment: An `Experiment` or its name, e.g. 'SWITCH_CONCEPT_ORDER'.
      split: 'train', 'valid' or 'test'.
      seed: The base seed (the original's --seed).
      shard: The shard id; with the seed it fixes the RNG.
      num_searches: Searches in this shard.
      num_programs_per_search: Tasks per search; defaults to 1000 for train,
        10 for valid and test (the paper's settings).
      num_examples: I/O examples per task.
      max_program_arity: Maximum number of inputs (uniform in 1..arity).
      config: DSL settings (integer range, list length, variable count).

    Yields:
      num_searches * num_programs_per_search Task records, with their steps.

    Raises:
      ValueError: for a bad argument (at the call, before any generation).
    """
    ctx = make_context(
        experiment,
        split,
        num_programs_per_search,
        num_examples,
        max_program_arity,
        config,
    )
    _check_int("num_searches", num_searches, 0)
    rng = shard_rng(ctx.experiment, split, shard, seed)
    return _shard_tasks(rng, ctx, num_searches)


def _shard_tasks(
    rng: random.Random, ctx: SearchContext, num_searches: int
) -> Iterator[Task]:
    for _ in range(num_searches):
        yield from search_tasks(rng, ctx)
