"""Random corruption of a decomposition step's subgoal (splits spec §5.6).

The synthesizer can be trained on corrupted next parts to become robust to a
wrong subgoal. The original drew the corruption right after each task, so
its draws sit between tasks and must be replayed for later tasks to match.
"""

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
    returned here, and empty when K < 2.

    Args:
      cumulative_lengths: per example, `c[i]` = total length of the first i
        parts (so `c[-1]` is the output length).
      step: index of the step's part.
      max_length: the length limit.
    """
    total = len(cumulative_lengths[0]) - 1
    best = 1
    for end in range(step + 2, total):
        if max(c[end] - c[step] for c in cumulative_lengths) > max_length:
            break
        best = end - step
    return best


# `random.sample` uses its pool algorithm whenever the population has at most
# 21 members, whatever the sample size.
_SMALL_POPULATION = 21


def _small_sample(getrandbits, n: int, k: int) -> list[int]:
    """`sample(range(n), k)` for n <= 21: the stdlib's pool algorithm."""
    pool = list(range(n))
    result = []
    for i in range(k):
        m = n - i
        bits = m.bit_length()
        j = getrandbits(bits)
        while j >= m:
            j = getrandbits(bits)
        result.append(pool[j])
        pool[j] = pool[m - 1]
    return result


def corrupt(
    draws: Draws,
    next_parts: list[str],
    outputs: Sequence[str],
    parts: Sequence[Sequence[str]],
    cumulative_lengths: Sequence[Sequence[int]],
    step: int,
    max_length: int,
) -> list[str]:
    """`corrupt_next_parts` for step `step` of a whole program.

    Args:
      parts: per example, the output of every expression of the program.
      cumulative_lengths: per example, the running totals of the part
        lengths (see `max_parts`).
      (others as in `corrupt_next_parts`)
    """
    num_examples = len(outputs)
    # The draws below are the stdlib's rejection loops on getrandbits,
    # inlined (one or two corruption attempts per step, every step).
    getrandbits = draws.getrandbits
    example_bits = num_examples.bit_length()
    num_lengths = max_length + 1
    length_bits = num_lengths.bit_length()
    # Only needed once multiple_parts is drawn (about half the steps).
    num_parts = None
    corrupted = next_parts
    while corrupted == next_parts:
        technique = getrandbits(2)  # choice(TECHNIQUES)
        while technique >= 2:
            technique = getrandbits(2)
        if technique == 0:  # multiple_parts
            if num_parts is None:
                num_parts = max_parts(cumulative_lengths, step, max_length)
            if num_parts < 2:
                continue  # No valid k: a void attempt, as in the original.
            k = 2 + draws.below(num_parts - 1)
            corrupted = ["".join(p[step : step + k]) for p in parts]
            continue
        # perturb: c = randint(1, n), then sample(range(n), c).
        count = getrandbits(example_bits)
        while count >= num_examples:
            count = getrandbits(example_bits)
        if num_examples <= _SMALL_POPULATION:
            chosen = _small_sample(getrandbits, num_examples, count + 1)
        else:
            chosen = draws.sample(range(num_examples), count + 1)
        corrupted = next_parts.copy()
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
    return corrupt(
        draws, list(next_parts), outputs, remaining_parts, cumulative, 0, max_length
    )
