"""Programs of one search: both distributions, equivalence filter, sampling.

Implements splits spec §4.5 (which lengths of which distribution are
searched, with which early-stopping probability), the per-experiment pools
and keep filters of §4.6, and §4.8 (cross-split equivalence filter, then an
even per-length sample, drawing from the shard's RNG in the original order).
"""

import collections
import random
from collections.abc import Sequence
from typing import NamedTuple

from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.operations import (
    FIRST_ORDER_AND_MAP,
    HIGHER_ORDER_NO_MAP,
    OPERATIONS,
    OPERATIONS_NO_SCAN,
)
from exedec_tf.experiments import Experiment
from exedec_tf.generation.deepcoder.columns import ColumnTable
from exedec_tf.generation.deepcoder.primitives import (
    FEATURE_FIRST_ORDER_AND_MAP,
    FEATURE_HIGHER_ORDER_NO_MAP,
    FEATURE_SCANL1,
    FEATURE_SCANL1_NEW,
    Primitive,
)
from exedec_tf.generation.deepcoder.search import (
    CandidateCache,
    LengthPlan,
    LengthSearch,
    Path,
)

_ALL_LENGTHS = (1, 2, 3, 4, 5)


def length_ranges(
    experiment: Experiment, is_train: bool
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Returns (train-distribution lengths, test-distribution lengths)."""
    if experiment is Experiment.NONE:
        return (_ALL_LENGTHS, ()) if is_train else ((), _ALL_LENGTHS)
    if experiment is Experiment.LENGTH_GENERALIZATION:
        return (1, 2, 3, 4), (5,)
    if experiment in (
        Experiment.COMPOSE_DIFFERENT_CONCEPTS,
        Experiment.SWITCH_CONCEPT_ORDER,
        Experiment.COMPOSE_NEW_OP,
    ):
        return (2, 3, 4), (2, 3, 4)
    if experiment is Experiment.ADD_OP_FUNCTIONALITY:
        return (1, 2, 3, 4), (1, 2, 3, 4)
    raise ValueError(f"unhandled experiment {experiment!r}")


class ScheduledSearch(NamedTuple):
    """One length search of a task search (see `search_schedule`).

    Attributes:
      get_train: Whether it fills the train-distribution dictionary.
      length: Program length.
      stop_probability: Early-stopping probability.
      needs_programs: If true, the probability is 0 instead while that
        dictionary holds fewer than twice the wanted number of programs.
    """

    get_train: bool
    length: int
    stop_probability: float
    needs_programs: bool


def search_schedule(experiment: Experiment, is_train: bool) -> list[ScheduledSearch]:
    """Returns the length searches of one task search, in order."""
    train_range, test_range = length_ranges(experiment, is_train)
    schedule = []
    for get_train, lengths in ((True, train_range), (False, test_range)):
        for length in lengths:
            if is_train and not get_train and length == max(test_range):
                # The longest test length is not needed to generate train data.
                continue
            if length == 5:
                probability = 0.9
            elif get_train == is_train and length == max(lengths):
                probability = 0.7
            else:
                probability = 0.0
            # A single-length range stops early from the start: it is the
            # only search of its distribution.
            schedule.append(
                ScheduledSearch(get_train, length, probability, len(lengths) > 1)
            )
    return schedule


def length_plan(experiment: Experiment, get_train: bool) -> LengthPlan:
    """Returns the pools, lambda rule and keep filter of one distribution."""
    restrict = experiment is Experiment.ADD_OP_FUNCTIONALITY and get_train
    if experiment is Experiment.SWITCH_CONCEPT_ORDER:
        # Test programs start with first-order ops (and Map), then use the
        # other higher-order ops; train programs the other way round.
        pools = (FIRST_ORDER_AND_MAP, HIGHER_ORDER_NO_MAP)
        return LengthPlan(
            pools=(OPERATIONS,), split_pools=pools[::-1] if get_train else pools
        )
    if get_train:
        if experiment is Experiment.COMPOSE_DIFFERENT_CONCEPTS:
            return LengthPlan(pools=(FIRST_ORDER_AND_MAP, HIGHER_ORDER_NO_MAP))
        if experiment is Experiment.COMPOSE_NEW_OP:
            return LengthPlan(pools=(OPERATIONS_NO_SCAN,))
        return LengthPlan(pools=(OPERATIONS,), restrict_scanl1=restrict)
    keep = {
        Experiment.COMPOSE_DIFFERENT_CONCEPTS: (
            FEATURE_FIRST_ORDER_AND_MAP | FEATURE_HIGHER_ORDER_NO_MAP
        ),
        Experiment.COMPOSE_NEW_OP: FEATURE_SCANL1,
        Experiment.ADD_OP_FUNCTIONALITY: FEATURE_SCANL1_NEW,
    }.get(experiment, 0)
    return LengthPlan(pools=(OPERATIONS,), keep_features=keep)


def max_searched_length(experiment: Experiment, is_train: bool) -> int:
    """The longest program length a search of this kind enumerates."""
    return max(s.length for s in search_schedule(experiment, is_train))


def _sample_list(rng: random.Random, options: list, k: int) -> list:
    """All of `options` (in order) if there are at most k, else a sample of k."""
    if len(options) <= k:
        return options
    return rng.sample(options, k)


def _select(
    rng: random.Random,
    by_length: dict[int, list[Path]],
    num_programs: int,
    group_features: Sequence[int] | None,
    features: Sequence[int],
) -> list[Path]:
    """Samples up to `num_programs`, spreading them evenly over the lengths.

    With `group_features` (COMPOSE_DIFFERENT_CONCEPTS train), each length's
    quota is split between programs made only of one group's operations and
    only of the other's, the groups in random order.
    """
    selected: list[Path] = []
    num_lengths = len(by_length)
    for i, length in enumerate(sorted(by_length)):
        bucket = by_length[length]
        quota = (num_programs - len(selected)) // (num_lengths - i)
        if group_features is None:
            selected.extend(_sample_list(rng, bucket, quota))
            continue
        groups = list(group_features)
        rng.shuffle(groups)
        first = [p for p in bucket if all(features[s[1]] & groups[0] for s in p)]
        selected.extend(_sample_list(rng, first, quota // 2))
        taken = min(len(first), quota // 2)
        second = [p for p in bucket if all(features[s[1]] & groups[1] for s in p)]
        selected.extend(_sample_list(rng, second, quota - taken))
    return selected


def sample_programs(
    rng: random.Random,
    table: ColumnTable,
    cache: CandidateCache,
    prims: Sequence[Primitive],
    input_names: Sequence[str],
    input_ids: Sequence[int],
    input_is_list: Sequence[bool],
    num_examples: int,
    experiment: Experiment,
    is_train: bool,
    canonical: bool,
    num_programs: int,
    config: DeepCoderConfig,
) -> list[Path]:
    """Searches both distributions and samples the programs of one search.

    Args:
      rng: The shard's RNG.
      table: Column table holding the input columns `input_ids`.
      cache: Candidate cache for `prims`.
      prims: The primitive table of `config`.
      input_names: Input variable names.
      input_ids: Column id of each input.
      input_is_list: Whether each input is a list (else an int).
      num_examples: Number of examples (length of every column).
      experiment: The experiment.
      is_train: Train distribution (train/valid splits) or test.
      canonical: Name new variables x0, x1, ... in order instead of randomly.
      num_programs: How many programs to sample (at most).
      config: DSL settings.

    Returns:
      Up to `num_programs` program paths (statements over state positions).
    """
    dicts: dict[bool, dict[int, Path]] = {True: {}, False: {}}
    searches = {
        get_train: LengthSearch(
            rng,
            table,
            cache,
            prims,
            input_names,
            input_ids,
            input_is_list,
            num_examples,
            canonical,
            config,
            dicts[get_train],
        )
        for get_train in (True, False)
    }
    for scheduled in search_schedule(experiment, is_train):
        get_train = scheduled.get_train
        probability = scheduled.stop_probability
        if scheduled.needs_programs and len(dicts[get_train]) < 2 * num_programs:
            # Some programs found so far will be dropped as equivalent to
            # shorter ones of the other distribution: search exhaustively.
            probability = 0.0
        searches[get_train].run(
            scheduled.length, length_plan(experiment, get_train), probability
        )

    train, test = dicts[True], dicts[False]
    # Keep a program unless the other distribution computes the same outputs
    # with fewer statements (for test programs: with at most as many).
    train_by_length = collections.defaultdict(list)
    for key, path in train.items():
        other = test.get(key)
        if other is None or len(other) >= len(path):
            train_by_length[len(path)].append(path)
    test_by_length = collections.defaultdict(list)
    for key, path in test.items():
        other = train.get(key)
        if other is None or len(other) > len(path):
            test_by_length[len(path)].append(path)

    features = [p.features for p in prims]
    groups = None
    if experiment is Experiment.COMPOSE_DIFFERENT_CONCEPTS:
        groups = (FEATURE_FIRST_ORDER_AND_MAP, FEATURE_HIGHER_ORDER_NO_MAP)
    # Both samples are drawn (consuming the RNG), whichever is returned.
    selected_train = _select(rng, train_by_length, num_programs, groups, features)
    selected_test = _select(rng, test_by_length, num_programs, None, features)
    return selected_train if is_train else selected_test
