"""Random draws that consume a `random.Random` exactly as its own methods do.

The original generator called `random.randint`, `choice`, `shuffle`, `sample`
and `random` on the global Mersenne Twister. Each of those (CPython 3.x) reduces
to `_randbelow(n)`, which takes `k = n.bit_length()` bits per attempt from
`getrandbits(k)` and rejects results >= n. Calling `getrandbits` directly from
here yields the same values and leaves the generator in the same state, while
skipping three Python-level frames per draw (the original's dominant cost in
its input sampler).

Only a private `random.Random` is ever used, never the module-level one.
"""

import math
import random


class Draws:
    """Exact-replay draws on a private `random.Random`.

    Attributes:
      rng: the underlying generator (its state advances exactly as if the
        stdlib method of the same name had been called).
      getrandbits: the bound `rng.getrandbits`, for callers' inlined loops.
    """

    __slots__ = ("rng", "getrandbits", "random")

    def __init__(self, rng: random.Random):
        if type(rng) is not random.Random:
            # A subclass may override random()/getrandbits, after which the
            # stdlib methods would draw differently from ours.
            raise TypeError(f"expected a random.Random instance, got {rng!r}")
        self.rng = rng
        self.getrandbits = rng.getrandbits
        # `random()` is C code already; exposing it keeps the same interface.
        self.random = rng.random

    def below(self, n: int) -> int:
        """`rng._randbelow(n)`: uniform in [0, n); n must be positive."""
        if n <= 0:
            raise ValueError(f"cannot draw below {n}")
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return r

    def randint(self, a: int, b: int) -> int:
        """`rng.randint(a, b)`: uniform in [a, b] (both inclusive)."""
        n = b - a + 1
        if n <= 0:
            raise ValueError(f"empty range for randint({a}, {b})")
        # Even a one-value range consumes one 1-bit draw, as in the stdlib.
        # (The rejection loop is inlined in each method: these are the
        # generator's innermost calls.)
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return a + r

    def choice(self, seq):
        """`rng.choice(seq)` for a non-empty sequence."""
        n = len(seq)
        if not n:
            raise IndexError("cannot choose from an empty sequence")
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return seq[r]

    def shuffle(self, x: list) -> None:
        """`rng.shuffle(x)`: in-place Fisher-Yates from the end."""
        getrandbits = self.getrandbits
        for i in range(len(x) - 1, 0, -1):
            n = i + 1
            k = n.bit_length()
            j = getrandbits(k)
            while j >= n:
                j = getrandbits(k)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k: int) -> list:
        """`rng.sample(population, k)` (no `counts`), same draws and result."""
        n = len(population)
        if not 0 <= k <= n:
            raise ValueError(f"sample of {k} from a population of {n}")
        below = self.below
        result = [None] * k
        # The stdlib's choice between its two algorithms; it decides which
        # draws happen, so it is reproduced literally.
        setsize = 21
        if k > 5:
            setsize += 4 ** math.ceil(math.log(k * 3, 4))
        if n <= setsize:
            pool = list(population)
            for i in range(k):
                j = below(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            selected = set()
            for i in range(k):
                j = below(n)
                while j in selected:
                    j = below(n)
                selected.add(j)
                result[i] = population[j]
        return result
