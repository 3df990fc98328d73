"""Samplers of the Modification expressions and of ConstStr (splits spec §5.5).

Samplers return a `Sampled` (expression, ids) or None when no valid expression
exists (Trim, Remove and RemoveAll), in which case the caller restarts from
its top-level pool. Only Trim, GetFirst, GetAll, Remove and RemoveAll check
for empty outputs, as in the original.
"""

from exedec_tf.dsl.robustfill import (
    CHARACTER,
    DELIMITER,
    Case,
    ConstStr,
    GetAll,
    GetFirst,
    Remove,
    RemoveAll,
    Replace,
    Substitute,
    SubstituteAll,
    ToCase,
    Trim,
)
from exedec_tf.generation.robustfill.context import Sampled, TaskContext
from exedec_tf.generation.robustfill.draws import Draws
from exedec_tf.generation.robustfill.token_ids import (
    CASE_IDS,
    CHARACTER_IDS,
    CLASS,
    DELIMITER_IDS,
    INT,
)

CASES = tuple(Case)

_NUM_CHARACTERS = len(CHARACTER)
_NUM_DELIMITERS = len(DELIMITER)
_TRIM: Sampled = (Trim(), CLASS[Trim])
_CONST = CLASS[ConstStr]
_TO_CASE = CLASS[ToCase]
_REPLACE = CLASS[Replace]
_GET_FIRST = CLASS[GetFirst]
_GET_ALL = CLASS[GetAll]
_SUBSTITUTE = CLASS[Substitute]
_SUBSTITUTE_ALL = CLASS[SubstituteAll]
_REMOVE = CLASS[Remove]
_REMOVE_ALL = CLASS[RemoveAll]


def sample_const(ctx: TaskContext, draws: Draws) -> Sampled:
    """ConstStr(c) for a uniform character c."""
    c = draws.below(_NUM_CHARACTERS)
    return ctx.make(f"{_CONST} {CHARACTER_IDS[c]}", ConstStr, CHARACTER[c])


def sample_to_case(ctx: TaskContext, draws: Draws) -> Sampled:
    """ToCase(case) for a uniform Case."""
    case = draws.below(len(CASES))
    return ctx.make(f"{_TO_CASE} {CASE_IDS[case]}", ToCase, CASES[case])


def sample_replace(ctx: TaskContext, draws: Draws) -> Sampled:
    """Replace(d1, d2): d1 a seen delimiter, d2 any delimiter (drawn in order)."""
    d1 = draws.choice(ctx.delimiters)
    d2 = draws.below(_NUM_DELIMITERS)
    ids = f"{_REPLACE} {d1.ids} {DELIMITER_IDS[d2]}"
    return ctx.make(ids, Replace, d1.token, DELIMITER[d2])


def sample_trim(ctx: TaskContext, draws: Draws) -> Sampled | None:
    """Trim(), or None if it empties some input (no draws)."""
    return _TRIM if ctx.trim_nonempty() else None


def sample_get_first(ctx: TaskContext, draws: Draws) -> Sampled:
    """GetFirst(t, i), redrawn until non-empty.

    It joins `matches[:i]`: non-empty iff there is a match and, for i < 0,
    more than |i| of them; both conditions grow with the count, so the fewest
    matches in any input decides.
    """
    # choice(types), then choice(t's indices): rejection loops inlined.
    getrandbits = draws.getrandbits
    types = ctx.types
    num_types = len(types)
    if not num_types:
        raise IndexError("cannot choose from an empty sequence")
    type_bits = num_types.bit_length()
    while True:
        j = getrandbits(type_bits)
        while j >= num_types:
            j = getrandbits(type_bits)
        t = types[j]
        indices, n, bits = t.index_draw
        j = getrandbits(bits)
        while j >= n:
            j = getrandbits(bits)
        i = indices[j]
        if t.min_count() >= (1 if i > 0 else 1 - i):
            return ctx.make(f"{_GET_FIRST} {t.ids} {INT[i]}", GetFirst, t.token, i)


def sample_get_all(ctx: TaskContext, draws: Draws) -> Sampled:
    """GetAll(t), redrawn until t matches every input."""
    getrandbits = draws.getrandbits
    types = ctx.types
    num_types = len(types)
    if not num_types:
        raise IndexError("cannot choose from an empty sequence")
    type_bits = num_types.bit_length()
    while True:
        j = getrandbits(type_bits)  # choice(types), inlined
        while j >= num_types:
            j = getrandbits(type_bits)
        t = types[j]
        if t.min_count() >= 1:
            return ctx.make(f"{_GET_ALL} {t.ids}", GetAll, t.token)


def sample_substitute(ctx: TaskContext, draws: Draws) -> Sampled:
    """Substitute(t, i, c) (Type, index for its count, character), unchecked."""
    t = draws.choice(ctx.types)
    i = draws.choice(t.indices)
    c = draws.below(_NUM_CHARACTERS)
    ids = f"{_SUBSTITUTE} {t.ids} {INT[i]} {CHARACTER_IDS[c]}"
    return ctx.make(ids, Substitute, t.token, i, CHARACTER[c])


def sample_substitute_all(ctx: TaskContext, draws: Draws) -> Sampled:
    """SubstituteAll(t, c), unchecked."""
    t = draws.choice(ctx.types)
    c = draws.below(_NUM_CHARACTERS)
    ids = f"{_SUBSTITUTE_ALL} {t.ids} {CHARACTER_IDS[c]}"
    return ctx.make(ids, SubstituteAll, t.token, CHARACTER[c])


def sample_remove(ctx: TaskContext, draws: Draws) -> Sampled | None:
    """Remove(t, i) for the first Type, in shuffled order, that keeps outputs.

    An index is drawn for every Type tried. The output is empty exactly when
    the selected match is a whole input (see `RegexArg.whole_match`).
    """
    types = list(ctx.types)
    draws.shuffle(types)
    for t in types:
        i = draws.choice(t.indices)
        if not (abs(i) == 1 and t.whole_match()):
            return ctx.make(f"{_REMOVE} {t.ids} {INT[i]}", Remove, t.token, i)
    return None


def sample_remove_all(ctx: TaskContext, draws: Draws) -> Sampled | None:
    """RemoveAll(t) for the first Type, in shuffled order, that keeps outputs."""
    types = list(ctx.types)
    draws.shuffle(types)
    for t in types:
        if not t.covered():
            return ctx.make(f"{_REMOVE_ALL} {t.ids}", RemoveAll, t.token)
    return None
