"""Random corruption of a decomposition step's next part (splits spec §4.10).

The decomposition records carry a corrupted copy of each subgoal, used to
make the synthesizer robust to wrong subgoal predictions. The draws happen
between tasks, so they must be replayed exactly for later tasks to match.
"""

import random
from collections.abc import Sequence

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.values import format_value, parse_value
from exedec_tf.generation.deepcoder.inputs import random_inputs

TECHNIQUES = ("copy_output", "perturb", "new_random")


def perturb_list(
    rng: random.Random, values: list[int], config: DeepCoderConfig = DEFAULT_CONFIG
) -> list[int]:
    """Returns a copy of `values` with 0 to 5 random inserts/deletes/replaces.

    New numbers are drawn near the existing ones (at least 5 beyond either
    end, clipped to the integer range). The result may exceed the maximum
    list length.
    """
    result = list(values)
    lo = min(result) if result else config.min_int
    hi = max(result) if result else config.max_int
    expansion = max(5, (hi - lo) // 2)
    new_min = max(config.min_int, lo - expansion)
    new_max = min(config.max_int, hi + expansion)
    count = rng.randint(0, min(max(2, len(result) // 2), 5))
    for _ in range(count):
        kinds = ["insert", "delete", "replace"] if result else ["insert"]
        kind = rng.choice(kinds)
        if kind == "insert":
            position = rng.randint(0, len(result))
            result.insert(position, rng.randint(new_min, new_max))
        elif kind == "delete":
            del result[rng.randint(0, len(result) - 1)]
        else:
            # The original assigned `xs[randint(...)] = randint(...)`: Python
            # evaluates the right-hand side (the value) before the index.
            value = rng.randint(new_min, new_max)
            result[rng.randint(0, len(result) - 1)] = value
    return result


def _perturb(rng: random.Random, values: list, config: DeepCoderConfig) -> list[str]:
    num_examples = len(values)
    if type(values[0]) is int:
        # Change a few examples, favouring fewer changes.
        max_changes = rng.randint(1, num_examples)
        num_changes = rng.randint(1, max_changes)
        change = [True] * num_changes + [False] * (num_examples - num_changes)
        rng.shuffle(change)
        new = random_inputs(rng, num_examples, 1, types=[int], config=config)
        changed = [new[i][0] if change[i] else values[i] for i in range(num_examples)]
    else:
        changed = [perturb_list(rng, v, config) for v in values]
    return [format_value(v) for v in changed]


def corrupt_next_part(
    rng: random.Random,
    next_part: Sequence[str],
    outputs: Sequence[str],
    config: DeepCoderConfig = DEFAULT_CONFIG,
    values: Sequence | None = None,
) -> list[str]:
    """Returns a corrupted version of `next_part`, different from it.

    Args:
      rng: The shard's RNG.
      next_part: Per example, the value string of the step's result.
      outputs: Per example, the final output string.
      config: DSL settings (integer range, list length for new values).
      values: The values of `next_part` (lists may be tuples), if known;
        otherwise they are parsed from it.

    Techniques are drawn uniformly until the result differs: copy the final
    outputs, perturb the values, or sample new random values.
    """
    if values is None:
        values = [parse_value(text) for text in next_part]
    kinds = {type(v) for v in values}
    if len(kinds) != 1 or not kinds <= {int, list, tuple}:
        raise ValueError(f"next part must hold values of one type: {next_part!r}")
    original = list(next_part)
    num_examples = len(outputs)
    corrupted = original
    while corrupted == original:
        technique = rng.choice(TECHNIQUES)
        if technique == "copy_output":
            corrupted = list(outputs)
        elif technique == "perturb":
            corrupted = _perturb(rng, values, config)
        else:
            new_type = rng.choice([int, list])
            new = random_inputs(rng, num_examples, 1, types=[new_type], config=config)
            corrupted = [format_value(example[0]) for example in new]
    return corrupted
