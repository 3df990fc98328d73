"""Builds the fast whole-program function of a well-typed Concat.

A Concat's output is the concatenation of its parts. Calling each part and
joining a list costs more than the parts themselves for typical 20-character
inputs, so each program gets one function whose body is a single f-string over
its parts (one BUILD_STRING), with constant characters inlined as values.
The function for a given sequence of part kinds is compiled once and reused.
"""

from collections.abc import Callable, Sequence

# Longer programs fall back to a join; it bounds the number of compiled shapes.
_MAX_COMPILED_PARTS = 12
_FACTORIES: dict[str, Callable] = {}


def _empty(value: str) -> str:
    return ""


def concat_runner(parts: Sequence) -> Callable[[str], str]:
    """Returns a function computing the concatenation of `parts` on a string.

    Args:
        parts: each either a constant `str` or a function from `str` to `str`
            that never raises on a string.
    """
    merged: list = []
    kinds: list[str] = []
    for part in parts:
        if type(part) is str:
            if kinds and kinds[-1] == "c":
                merged[-1] += part
                continue
            kinds.append("c")
        else:
            kinds.append("f")
        merged.append(part)
    if not merged:
        return _empty
    if len(merged) == 1:
        only = merged[0]
        if kinds[0] == "c":
            return lambda value: only
        return only
    if len(merged) > _MAX_COMPILED_PARTS:
        fns = [
            (lambda value, c=p: c) if k == "c" else p
            for p, k in zip(merged, kinds, strict=True)
        ]
        return lambda value: "".join([fn(value) for fn in fns])
    shape = "".join(kinds)
    factory = _FACTORIES.get(shape)
    if factory is None:
        factory = _FACTORIES[shape] = _compile_factory(shape)
    return factory(*merged)


def _compile_factory(shape: str) -> Callable:
    # Only identifiers generated here enter the source; no program data does.
    names = [f"p{i}" for i in range(len(shape))]
    fields = "".join(
        "{" + (f"{name}(value)" if kind == "f" else name) + "}"
        for name, kind in zip(names, shape, strict=True)
    )
    source = f'def factory({", ".join(names)}):\n    return lambda value: f"{fields}"\n'
    namespace: dict = {}
    exec(compile(source, f"<concat runner {shape}>", "exec"), namespace)
    return namespace["factory"]
