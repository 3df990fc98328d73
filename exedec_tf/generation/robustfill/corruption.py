"""Random corruption of a decomposition step's subgoal (splits spec §5.6).

The synthesizer can be trained on corrupted next parts to become robust to a
wrong subgoal. The original drew the corruption right after each task, so
its draws sit between tasks and must be replayed for later tasks to match.
"""

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from exedec_tf.generation.robustfill.draws import Draws

# In the original's order: `choice` index 0 is multiple_parts.
TECHNIQUES = ("multiple_parts", "perturb")


def max_parts(
    cumulative_lengths: Sequence[Sequence[int]], step: int, max_length: int
) -> int:
    """Largest valid part count of the multiple_parts corruption, or 1 if none.

    The original listed every k in 2..remaining-1 (remaining = parts from
    `step` on) whose longest concatenation of k parts over examples is at most
    `max_length`. Those lengths grow with k, so the list is 2..K for the K
    returned here, and empty when K < 2. The last fitting end of each
    example is found by bisection on its running totals.

    Args:
      cumulative_lengths: per example, `c[i]` = total length of the first i
        parts (so `c[-1]` is the output length).
      step: index of the step's part.
      max_length: the length limit.
    """
    # Ends (exclusive part indices) are at most total - 1.
    end = len(cumulative_lengths[0]) - 2
    for c in cumulative_lengths:
        fits = bisect_right(c, c[step] + max_length) - 1
        if fits < end:
            end = fits
    return end - step if end >= step + 2 else 1


# `random.sample` uses its pool algorithm whenever the population has at most
# 21 members, whatever the sample size.
_SMALL_POPULATION = 21

# _SAMPLE_DRAWS[n][c]: the (population left, its bit count) of each of the
# c + 1 draws of `sample(range(n), c + 1)` by the pool algorithm.
_SAMPLE_DRAWS = tuple(
    tuple(tuple((n - i, (n - i).bit_length()) for i in range(c + 1)) for c in range(n))
    for n in range(_SMALL_POPULATION + 1)
)


def corrupt(
    draws: Draws,
    next_parts: Sequence[str],
    outputs: Sequence[str],
    cumulative_lengths: Sequence[Sequence[int]],
    step: int,
    max_length: int,
) -> list[str]:
    """`corrupt_next_parts` for step `step` of a whole program.

    Args:
      next_parts: per example, the output of expression `step`.
      outputs: per example, the outputs of expressions `step`, `step + 1`, ...
        joined (so the first k remaining parts are a prefix of it).
      cumulative_lengths: per example, the running totals of the lengths of
        all the program's parts (see `max_parts`).
      (others as in `corrupt_next_parts`)
    """
    num_examples = len(outputs)
    # The draws below are the stdlib's rejection loops on getrandbits,
    # inlined (one or more corruption attempts per step, every step).
    getrandbits = draws.getrandbits
    example_bits = num_examples.bit_length()
    sample_draws = (
        _SAMPLE_DRAWS[num_examples] if num_examples <= _SMALL_POPULATION else None
    )
    num_lengths = max_length + 1
    length_bits = num_lengths.bit_length()
    # Only needed once multiple_parts is drawn (about half the steps).
    num_parts = None
    unchanged = list(next_parts)
    corrupted = unchanged
    while corrupted == unchanged:
        technique = getrandbits(2)  # choice(TECHNIQUES)
        while technique >= 2:
            technique = getrandbits(2)
        if technique == 0:  # multiple_parts
            if num_parts is None:
                num_parts = max_parts(cumulative_lengths, step, max_length)
            if num_parts < 2:
                continue  # No valid k: a void attempt, as in the original.
            k = 2 + draws.below(num_parts - 1)
            corrupted = [
                out[: c[step + k] - c[step]]
                for out, c in zip(outputs, cumulative_lengths, strict=True)
            ]
            continue
        count = getrandbits(example_bits)
        while count >= num_examples:
            count = getrandbits(example_bits)
        if sample_draws is None:
            chosen = draws.sample(range(num_examples), count + 1)
        else:
            pool = list(range(num_examples))
            chosen = []
            for m, bits in sample_draws[count]:
                j = getrandbits(bits)
                while j >= m:
                    j = getrandbits(bits)
                chosen.append(pool[j])
                pool[j] = pool[m - 1]
        corrupted = unchanged.copy()
        for j in chosen:
            length = getrandbits(length_bits)  # randint(0, max_length)
            while length >= num_lengths:
                length = getrandbits(length_bits)
            corrupted[j] = outputs[j][:length]
    if max(map(len, corrupted)) > max_length:
        raise ValueError(f"corrupted next part longer than {max_length}: {corrupted!r}")
    return corrupted


def corrupt_next_parts(
    draws: Draws,
    next_parts: Sequence[str],
    outputs: Sequence[str],
    remaining_parts: Sequence[Sequence[str]],
    max_length: int,
) -> list[str]:
    """A corrupted copy of `next_parts`, guaranteed to differ from it.

    Each attempt draws a technique uniformly:
      * multiple_parts: k uniform among the valid part counts (2 ..
        len(remaining) - 1 with every concatenation at most `max_length`
        long); the corruption is the first k remaining parts joined. With no
        valid k the attempt is void (and costs only the technique draw).
      * perturb: c = randint(1, n) examples chosen by `sample(range(n), c)`;
        each, in that order, becomes its remaining output cut to
        randint(0, max_length) characters.
    Attempts repeat until the result differs from `next_parts`.

    Args:
      draws: the generator's draws.
      next_parts: per example, this step's output.
      outputs: per example, the remaining output (this step's and later ones).
      remaining_parts: per example, the outputs of this and later expressions.
      max_length: the maximum input length (caps corruptions' lengths).

    Raises:
      ValueError: a corruption came out longer than `max_length` (impossible
        for generated tasks; the original asserted it).
    """
    cumulative = [
        list(accumulate(map(len, parts), initial=0)) for parts in remaining_parts
    ]
    return corrupt(draws, next_parts, outputs, cumulative, 0, max_length)
