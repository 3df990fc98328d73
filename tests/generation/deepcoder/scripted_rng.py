"""A fake RNG that returns scripted results and records every call."""


class ScriptedRng:
    """Answers calls from a script of (method, args, result) triples.

    Each call must match the next scripted method and arguments exactly, so
    a test pins down both the order and the arguments of the draws.
    """

    def __init__(self, script):
        self._script = list(script)
        self.calls = []

    def _next(self, method, *args):
        self.calls.append((method, args))
        if not self._script:
            raise AssertionError(f"unexpected call {method}{args}")
        want_method, want_args, result = self._script.pop(0)
        if (want_method, tuple(want_args)) != (method, args):
            raise AssertionError(
                f"call {method}{args}, expected {want_method}{tuple(want_args)}"
            )
        return result

    def done(self):
        return not self._script

    def randint(self, a, b):
        return self._next("randint", a, b)

    def choice(self, seq):
        return self._next("choice", list(seq))

    def random(self):
        return self._next("random")

    def shuffle(self, x):
        x[:] = self._next("shuffle", list(x))

    def choices(self, population, k):
        return self._next("choices", list(population), k)
