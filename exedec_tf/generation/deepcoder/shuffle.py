"""A faster `Random.shuffle` of `range(n)` with the same draws and result.

The search shuffles a short list at every node, hundreds of thousands of
times per search, and `Random.shuffle` pays two Python-level calls per
element (`_randbelow`, then `getrandbits`). CPython's shuffle is the
Fisher-Yates loop `for i in reversed(range(1, n)): j = _randbelow(i + 1)`
with `_randbelow(m)` drawing `getrandbits(m.bit_length())` until the value
is below m. Doing exactly that here with the bit lengths precomputed gives
the same permutation and leaves the generator in the same state. It is only
used when the generator really uses that `_randbelow` (a plain
`random.Random`); otherwise it falls back to `rng.shuffle`.
"""

import random
from collections.abc import Callable


def _plan(n: int) -> tuple[tuple[int, int, int], ...]:
    """The (i, i + 1, bit length of i + 1) of each swap step for length n."""
    return tuple((i, i + 1, (i + 1).bit_length()) for i in range(n - 1, 0, -1))


_PLANS = [_plan(n) for n in range(65)]


def _uses_getrandbits(rng: random.Random) -> bool:
    cls = type(rng)
    return (
        getattr(cls, "_randbelow", None) is random.Random._randbelow_with_getrandbits
        and cls.shuffle is random.Random.shuffle
    )


def range_shuffler(rng: random.Random) -> Callable[[int], list[int]]:
    """Returns f(n) = a list of range(n) shuffled exactly as `rng.shuffle` would."""
    if not _uses_getrandbits(rng):

        def fallback(n: int) -> list[int]:
            order = list(range(n))
            rng.shuffle(order)
            return order

        return fallback

    getrandbits = rng.getrandbits
    plans = _PLANS

    def shuffled(n: int) -> list[int]:
        order = list(range(n))
        plan = plans[n] if n < len(plans) else _plan(n)
        for i, m, bits in plan:
            j = getrandbits(bits)
            while j >= m:
                j = getrandbits(bits)
            order[i], order[j] = order[j], order[i]
        return order

    return shuffled
