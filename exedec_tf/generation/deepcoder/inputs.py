"""Random example inputs and variable names, drawing exactly as the original.

Every function takes the private `random.Random` of the shard and calls it
in the original's order; reordering or merging calls would change all later
tasks of the shard.
"""

import functools
import random
from collections.abc import Sequence

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.variables import all_variables

# Integer ranges for the elements of an input list (inclusive); one is chosen
# per input and shared by all examples.
LIST_INT_RANGES = ((0, 4), (0, 9), (-10, 10), (-50, 50))
# List-length ranges (inclusive); short lists keep e.g. Scanl1 (*) in range.
LENGTH_RANGES = ((1, 3), (0, 5), (0, 10), (0, 20))


@functools.cache
def int_range_options(config: DeepCoderConfig) -> tuple[tuple[int, int], ...]:
    """The element ranges to choose from: those strictly inside (-M, M), then it."""
    lo, hi = config.min_int, config.max_int
    options = [(a, b) for a, b in LIST_INT_RANGES if lo < a and b < hi]
    options.append((lo, hi))
    return tuple(options)


@functools.cache
def length_range_options(config: DeepCoderConfig) -> tuple[tuple[int, int], ...]:
    """The list-length ranges to choose from: those within L, plus (0, L)."""
    upper = config.max_list_length
    options = [(a, b) for a, b in LENGTH_RANGES if b <= upper]
    if (0, upper) not in options:
        options.append((0, upper))
    return tuple(options)


def random_inputs(
    rng: random.Random,
    num_examples: int,
    num_inputs: int,
    types: Sequence[type] | None = None,
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> list[list]:
    """Samples `num_examples` distinct examples of `num_inputs` input values.

    Args:
      rng: The shard's random number generator.
      num_examples: How many examples (each a list of input values).
      num_inputs: Number of inputs per example.
      types: Per input `int` or `list`; if None, sampled with at least one list.
      config: Gives the integer range and the maximum list length L.

    Returns:
      The examples in sampling order; each is a list of ints (in [0, L]) and
      lists of ints. No two examples are equal.
    """
    if types is None:
        types = [list] + rng.choices([int, list], k=num_inputs - 1)
        rng.shuffle(types)
    elif len(types) != num_inputs:
        raise ValueError(
            f"got {len(types)} types for {num_inputs} inputs: {list(types)!r}"
        )
    # One element range and one length range per input (drawn for ints too).
    element_ranges = rng.choices(int_range_options(config), k=num_inputs)
    length_ranges = rng.choices(length_range_options(config), k=num_inputs)
    max_int_input = config.max_list_length
    examples: list[list] = []
    while len(examples) < num_examples:
        example = []
        for i, input_type in enumerate(types):
            if input_type is int:
                # Ints only serve as arguments of Take, Drop and Access.
                example.append(rng.randint(0, max_int_input))
            else:
                lo, hi = element_ranges[i]
                min_len, max_len = length_ranges[i]
                # The length is drawn before the elements (argument order).
                length = rng.randint(min_len, max_len)
                example.append(rng.choices(range(lo, hi + 1), k=length))
        if example not in examples:
            examples.append(example)
    return examples


def new_variable(
    rng: random.Random,
    existing: Sequence[str],
    ordered: bool,
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> str:
    """Returns a variable name not in `existing`.

    Ordered: the first free one of x0, x1, ... (no randomness). Unordered: a
    uniform choice among the free names sorted as strings.

    Raises:
      ValueError: every name is taken.
    """
    names = all_variables(config)
    if ordered:
        for name in names:
            if name not in existing:
                return name
    else:
        free = sorted(set(names).difference(existing))
        if free:
            return rng.choice(free)
    raise ValueError(f"all {len(names)} variable names are taken: {list(existing)}")
