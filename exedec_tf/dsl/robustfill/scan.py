"""Fast selection of the i-th regex match, used by GetSpan and GetToken.

Building the full match list costs several times a single `search`, and most
programs only need the first or last match. Two facts keep this exact:

* `pattern.search(value, end)` after a match ending at `end` finds the next
  match `finditer` would yield (no pattern here is anchored or can be empty);
* every pattern except PROP_CASE matches maximal runs of one character class
  (or single characters of it), so the matches of the reversed string are the
  reversed matches in reverse order: the k-th match from the end is found by
  searching the reversed string. `[A-Z][a-z]+` is not symmetric and takes
  the full list.
"""

import itertools

from exedec_tf.dsl.robustfill.constants import DELIMITER_PATTERN, TYPE_PATTERN, Type


def _is_symmetric(token) -> bool:
    return token is not Type.PROP_CASE


def _pattern(token):
    if type(token) is Type:
        return TYPE_PATTERN[token]
    return DELIMITER_PATTERN[token]


def position_fn(token, index: int, start: bool):
    """GetSpan's `pos(r, i, b)` for a valid regex argument and an int index.

    The returned function gives -1 without matches, the match count minus one
    for a too large index, 0 for a too small one, else the start (if `start`)
    or end of the selected match.
    """
    if index == 0:
        # k = n is never a valid match: the answer is always count - 1.
        if type(token) is str:
            return lambda value: value.count(token) - 1
        findall = _pattern(token).findall
        return lambda value: len(findall(value)) - 1
    if type(token) is str and index in (1, -1):
        find = str.find if index == 1 else str.rfind
        if start:
            return lambda value: find(value, token)
        return lambda value: -1 if (j := find(value, token)) < 0 else j + 1
    pattern = _pattern(token)
    if index > 0:
        return _forward_position(pattern, index, start)
    if _is_symmetric(token):
        return _backward_position(pattern, -index, start)
    return _listed_position(pattern, index, start)


def _forward_position(pattern, count: int, start: bool):
    search = pattern.search
    if count == 1:
        if start:
            return lambda value: -1 if (m := search(value)) is None else m.start()
        return lambda value: -1 if (m := search(value)) is None else m.end()

    def position(value):
        end = 0
        for found in range(count):
            match = search(value, end)
            if match is None:
                return found - 1
            end = match.end()
        return match.start() if start else end

    return position


def _backward_position(pattern, count: int, start: bool):
    search = pattern.search

    def position(value):
        # Positions in the reversed string mirror as p -> len(value) - p, and
        # a match's start there is its end here.
        backward = value[::-1]
        end = 0
        for found in range(count):
            match = search(backward, end)
            if match is None:
                return -1 if found == 0 else 0
            end = match.end()
        return len(value) - (end if start else match.start())

    return position


def _listed_position(pattern, index: int, start: bool):
    finditer = pattern.finditer

    def position(value):
        matches = list(finditer(value))
        if not matches:
            return -1
        k = len(matches) + index
        if k < 0:
            return 0
        return matches[k].start() if start else matches[k].end()

    return position


def token_fn(regex_type: Type, index: int):
    """GetToken's selection: the i-th match's text, or '' if it does not exist."""
    pattern = TYPE_PATTERN[regex_type]
    if index == 0:
        return lambda value: ""
    search = pattern.search
    if index == 1:
        return lambda value: "" if (m := search(value)) is None else m.group()
    if index == -1 and _is_symmetric(regex_type):
        return lambda value: (
            "" if (m := search(value[::-1])) is None else m.group()[::-1]
        )
    if index > 0:
        finditer = pattern.finditer

        def forward(value):
            found = list(itertools.islice(finditer(value), index))
            return found[-1].group() if len(found) == index else ""

        return forward
    findall = pattern.findall
    return lambda value: m[index] if len(m := findall(value)) >= -index else ""
