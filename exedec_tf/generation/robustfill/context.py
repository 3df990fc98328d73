"""Per-task state shared by the expression samplers: inputs, counters, caches.

Most samplers redraw until their expression gives a non-empty output on every
input. The original evaluated each candidate (rebuilding its regex every
time). Here each regex argument's match counts, first matches and (for
GetSpan) match spans on the inputs are computed at most once per task, and
the emptiness of a candidate is decided from them with the closed forms
documented at each method. Which candidates are accepted, and so every random
draw, is unchanged; tests check each closed form against evaluation by the
DSL.

Delimiters and Types seen in the inputs become `RegexArg` records that carry
their caches, so samplers draw records and never hash Enum members (a
Python-level call in CPython 3.11) in their loops.
"""

import string

from exedec_tf.dsl.robustfill import CHARACTER, DELIMITER, INDEX, TYPE_PATTERN, Type
from exedec_tf.generation.robustfill.token_ids import TOKEN, compose_ids

# A sampled expression: (DSL expression object, its space-joined token ids).
Sampled = tuple

_MAX_INDEX = max(INDEX)
# Match indices usable for a regex argument seen `count` times: |i| <= count.
_INDICES_FOR_COUNT = tuple(
    tuple(i for i in INDEX if abs(i) <= count) for count in range(_MAX_INDEX + 1)
)


_INDEX_DRAWS = tuple(
    (indices, len(indices), len(indices).bit_length()) for indices in _INDICES_FOR_COUNT
)


def indices_for_count(count: int) -> tuple[int, ...]:
    """Members of INDEX with absolute value at most `count`, in INDEX order."""
    return _INDICES_FOR_COUNT[min(count, _MAX_INDEX)]


class RegexArg:
    """A delimiter or Type of the task's counters, with its matches on the inputs.

    Attributes:
      token: the delimiter character or Type member (the DSL argument).
      ids: its program-token id as a string.
      indices: the match indices the samplers may draw for it (|i| <= count).
      index_draw: `(indices, len(indices), len(indices).bit_length())`, for
        samplers that inline `choice(indices)`.
    """

    __slots__ = (
        "token",
        "ids",
        "indices",
        "index_draw",
        "_info",
        "_inputs",
        "_spans",
        "_min_count",
        "_positions",
        "_flags",
    )

    def __init__(
        self, token, count: int, inputs: tuple[str, ...], static: tuple | None = None
    ):
        """A regex argument of one task.

        Args:
          token: the delimiter character or Type member.
          count: its count in the task's counter (>= 1).
          inputs: the task's input strings.
          static: `_static_fields(token, count)` if the caller has it (a
            TaskContext looks it up in a table); computed if None.
        """
        if static is None:
            if count < 1:
                # No index could be drawn (the original's choice would fail).
                raise ValueError(f"count of {token!r} must be positive, got {count}")
            static = _static_fields(token, count)
        # ids; (ids, span function, findall) built once per run; the indices.
        self.token, self.ids, self._info, self.index_draw, self.indices = static
        self._inputs = inputs
        self._spans = None
        self._min_count = None
        # Created on first use: most records are never asked for positions.
        self._positions: dict[int, tuple[int, ...]] | None = None
        self._flags: dict[str, bool] | None = None

    def spans(self) -> tuple[list[tuple[int, int]], ...]:
        """Per input, the `[start, end)` spans of the matches (read-only lists)."""
        if self._spans is None:
            self._spans = tuple(map(self._info[1], self._inputs))
        return self._spans

    def min_count(self) -> int:
        """The fewest matches in any input."""
        if self._min_count is None:
            token, inputs = self.token, self._inputs
            if self._spans is not None:
                self._min_count = min(map(len, self._spans))
            elif type(token) is str:
                # A delimiter's matches are its occurrences.
                self._min_count = min([v.count(token) for v in inputs])
            else:
                # Counting needs no spans (findall avoids match objects).
                self._min_count = min(map(len, map(self._info[2], inputs)))
        return self._min_count

    def positions(self, index: int, start: bool) -> tuple[int, ...]:
        """Per input, GetSpan's `pos(self, index, START if start else END)`.

        As in the DSL (spec §4): -1 without matches, the match count minus one
        past the last match, 0 before the first, else the match's start or end.
        """
        if self._positions is None:
            self._positions = {}
        key = 2 * index + start
        found = self._positions.get(key)
        if found is None:
            found = self._positions[key] = tuple(
                [_position(spans, index, start) for spans in self.spans()]
            )
        return found

    def _flag(self, name: str, compute) -> bool:
        if self._flags is None:
            self._flags = {}
        flag = self._flags.get(name)
        if flag is None:
            flag = self._flags[name] = compute(self.token, self._inputs)
        return flag

    def from_nonempty(self) -> bool:
        """Whether GetFrom(self) is non-empty on every input.

        It returns the text after the end of the first match, so it is
        non-empty when there is a match and it ends before the input does.
        """
        return self._flag("from", _first_match_ends_early)

    def whole_match(self) -> bool:
        """Whether some input is a single match from end to end.

        Remove(t, i) deletes one occurrence of the selected match's text, so
        its output is empty exactly when that match is the whole input: the
        input's only match, selected by i = 1 or i = -1.
        """
        return self._flag("whole", _some_input_is_one_match)

    def covered(self) -> bool:
        """Whether the matches cover some input completely.

        RemoveAll deletes, in match order, the first occurrence of each
        match's text. That occurrence never starts after the match itself and
        the matches do not overlap, so every deletion removes a whole match's
        length and later matches survive; the output is empty exactly when the
        matches' lengths add up to the input's length.
        """
        return self._flag("covered", _some_input_is_covered)


_CHARACTERS = frozenset(CHARACTER)
_DIGITS = frozenset(string.digits)


# _UNIT_SPANS[i] is the span (i, i + 1); _PREFIX_SPANS[n] the list of the
# first n of them. Both grow on demand and are shared: callers never mutate.
_UNIT_SPANS: list[tuple[int, int]] = []
_PREFIX_SPANS: list[list[tuple[int, int]]] = []


def _grow_spans(length: int) -> None:
    while len(_UNIT_SPANS) <= length:
        _UNIT_SPANS.append((len(_UNIT_SPANS), len(_UNIT_SPANS) + 1))
    while len(_PREFIX_SPANS) <= length:
        _PREFIX_SPANS.append(_UNIT_SPANS[: len(_PREFIX_SPANS)])


_grow_spans(64)


def _single_character_spans(characters: frozenset):
    # Patterns that match single characters of a set (a delimiter, DIGIT,
    # CHAR): one span per such character. Cheaper than finditer, which makes
    # a match object per character.
    def spans(value: str) -> list[tuple[int, int]]:
        if len(value) >= len(_UNIT_SPANS):
            _grow_spans(len(value))
        units = _UNIT_SPANS
        return [units[i] for i, c in enumerate(value) if c in characters]

    return spans


def _all_characters_spans(value: str) -> list[tuple[int, int]]:
    # CHAR matches every character of the alphabet, which is all generated
    # inputs are made of; anything else takes the general path.
    if _CHARACTERS.issuperset(value):
        if len(value) >= len(_PREFIX_SPANS):
            _grow_spans(len(value))
        return _PREFIX_SPANS[len(value)]
    return [m.span() for m in TYPE_PATTERN[Type.CHAR].finditer(value)]


def _span_function(token):
    if type(token) is str:
        return _single_character_spans(frozenset(token))
    if token is Type.CHAR:
        return _all_characters_spans
    if token is Type.DIGIT:
        return _single_character_spans(_DIGITS)
    finditer = TYPE_PATTERN[token].finditer
    return lambda value: [m.span() for m in finditer(value)]


def _make_token_info(token) -> tuple:
    findall = None if type(token) is str else TYPE_PATTERN[token].findall
    return TOKEN[token], _span_function(token), findall


# Delimiters by character, Types by value: looking a Type up by its member
# would hash the Enum member (a Python-level call).
_DELIMITER_INFO = {d: _make_token_info(d) for d in DELIMITER}
_TYPE_INFO = {t.value: _make_token_info(t) for t in Type}


def _token_info(token) -> tuple:
    if type(token) is str:
        info = _DELIMITER_INFO.get(token)
    elif type(token) is Type:
        return _TYPE_INFO[token._value_]
    else:
        info = None
    # Any other token (only reachable from tests) is described afresh.
    return _make_token_info(token) if info is None else info


def _static_fields(token, count: int) -> tuple:
    # What a RegexArg of `token` and `count` (>= 1) holds besides its caches.
    info = _token_info(token)
    draw = _INDEX_DRAWS[count if count < _MAX_INDEX else _MAX_INDEX]
    return token, info[0], info, draw, draw[0]


# _DELIMITER_STATIC[d][c] / _TYPE_STATIC[t.value][c]: `_static_fields` for
# counts c = 1.._MAX_INDEX (larger counts draw like _MAX_INDEX); index 0 is
# None, so a zero count takes the checking path.
_DELIMITER_STATIC = {
    d: (None, *(_static_fields(d, c) for c in range(1, _MAX_INDEX + 1)))
    for d in DELIMITER
}
_TYPE_STATIC = {
    t.value: (None, *(_static_fields(t, c) for c in range(1, _MAX_INDEX + 1)))
    for t in Type
}


def _regex_args(counts: dict, table: dict, inputs: tuple[str, ...]) -> tuple:
    """RegexArgs of a counter's keys, in order, with static fields from `table`."""
    args = []
    for token, count in counts.items():
        row = table.get(token if type(token) is str else token._value_)
        index = count if count < _MAX_INDEX else _MAX_INDEX
        static = None if row is None or index < 1 else row[index]
        args.append(RegexArg(token, count, inputs, static))
    return tuple(args)


def _position(spans: list, index: int, start: bool) -> int:
    count = len(spans)
    k = index - 1 if index > 0 else count + index
    if not count:
        return -1
    if k >= count:
        return count - 1
    if k < 0:
        return 0
    return spans[k][0] if start else spans[k][1]


def _first_match_ends_early(token, inputs) -> bool:
    if type(token) is str:
        # The first occurrence must exist and not be the last character.
        return all(0 <= v.find(token) < len(v) - 1 for v in inputs)
    search = TYPE_PATTERN[token].search
    return all((m := search(v)) is not None and m.end() < len(v) for v in inputs)


def _some_input_is_one_match(token, inputs) -> bool:
    # A single match whose text is the whole input.
    findall = TYPE_PATTERN[token].findall
    return any(findall(v) == [v] for v in inputs)


def _some_input_is_covered(token, inputs) -> bool:
    findall = TYPE_PATTERN[token].findall
    return any(sum(map(len, findall(v))) == len(v) for v in inputs)


def span_nonempty(
    r1: RegexArg, i1: int, start1: bool, r2: RegexArg, i2: int, start2: bool
) -> bool:
    """Whether GetSpan(r1, i1, b1, r2, i2, b2) is non-empty on every input.

    Its output is `v[p1:p2]` when both positions are >= 0, else ''. The
    positions never exceed len(v) (a match count is at most len(v)), so the
    output is non-empty exactly when 0 <= p1 < p2. A position is -1 exactly
    on inputs without matches, so an argument missing from some input fails
    without computing positions (the common case).
    """
    if not (r1.min_count() and r2.min_count()):
        return False
    for p1, p2 in zip(r1.positions(i1, start1), r2.positions(i2, start2), strict=True):
        if not 0 <= p1 < p2:
            return False
    return True


class TaskContext:
    """The sampled inputs of one task, its counters and lazily filled caches.

    Attributes:
      inputs: the input strings.
      min_length: length of the shortest input (SubStr's position range).
      delimiters: the delimiter counter's keys as RegexArgs, in insertion order.
      types: the Type counter's keys as RegexArgs, in insertion order.
    """

    __slots__ = (
        "inputs",
        "min_length",
        "delimiters",
        "types",
        "expressions",
        "_outputs",
        "_trim",
    )

    def __init__(
        self,
        inputs: list[str],
        delimiter_counts: dict[str, int],
        type_counts: dict[Type, int],
        expressions: dict | None = None,
    ):
        """Builds the context of one task.

        Args:
          inputs: the input strings.
          delimiter_counts: the delimiter counter of `sample_inputs`.
          type_counts: the Type counter of `sample_inputs`.
          expressions: ids -> expression object, shared by the tasks of one
            run so that recurring expressions are built once (they are
            immutable); a fresh dict if omitted.
        """
        self.expressions = {} if expressions is None else expressions
        self.inputs = values = tuple(inputs)
        self.min_length = min(map(len, values))
        self.delimiters = _regex_args(delimiter_counts, _DELIMITER_STATIC, values)
        self.types = _regex_args(type_counts, _TYPE_STATIC, values)
        self._outputs: dict[str, tuple[str, ...]] = {}
        self._trim = None

    def make(self, ids: str, cls, *args) -> Sampled:
        """The Sampled `(cls(*args), ids)`, reusing an equal expression if built."""
        expression = self.expressions.get(ids)
        if expression is None:
            expression = self.expressions[ids] = cls(*args)
        return expression, ids

    def trim_nonempty(self) -> bool:
        """Whether Trim() is non-empty on every input."""
        if self._trim is None:
            self._trim = all(value.strip() for value in self.inputs)
        return self._trim

    def outputs(self, sampled: Sampled) -> tuple[str, ...]:
        """Per input, the output of a sampled expression (memoised by its ids)."""
        expression, ids = sampled
        outs = self._outputs.get(ids)
        if outs is None:
            # Inputs are strings, for which calling an expression is its `_fn`.
            outs = self._outputs[ids] = tuple(map(expression._fn, self.inputs))
        return outs

    def composed_outputs(self, outer: Sampled, inner: Sampled) -> tuple[str, ...]:
        """Per input, `outer(inner(input))` (memoised by the Compose's ids)."""
        ids = compose_ids(outer[1], inner[1])
        outs = self._outputs.get(ids)
        if outs is None:
            outs = self._outputs[ids] = tuple(map(outer[0], self.outputs(inner)))
        return outs
