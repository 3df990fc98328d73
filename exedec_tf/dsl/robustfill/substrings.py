"""Substring expressions: SubStr, GetSpan, GetToken, GetUpto and GetFrom.

Each class has a literal slow path (`_generic`, the original semantics for any
argument types) and, for well-typed arguments, a fast function specialised on
the argument values at construction. The equivalences the fast functions rely
on are noted where they are not obvious.
"""

from exedec_tf.dsl.robustfill.base import Substring
from exedec_tf.dsl.robustfill.constants import (
    DELIMITER_PATTERN,
    TYPE_PATTERN,
    Boundary,
    Type,
)
from exedec_tf.dsl.robustfill.matching import (
    is_regex_arg,
    is_type,
    normalize_index,
    regex_pattern,
    span_position,
    type_pattern,
)
from exedec_tf.dsl.robustfill.scan import position_fn, token_fn


def _empty(value: str) -> str:
    return ""


def _pattern_of(token):
    """Pattern of a validated regex argument, and the delimiter char if it is one."""
    if type(token) is Type:
        return TYPE_PATTERN[token], None
    return DELIMITER_PATTERN[token], token


class SubStr(Substring):
    """Characters between two 1-based signed positions (both inclusive)."""

    __slots__ = ("pos1", "pos2")
    PARAMS = ("pos1", "pos2")

    def __init__(self, pos1, pos2):
        self.pos1 = pos1
        self.pos2 = pos2
        if type(pos1) is int and type(pos2) is int:
            self._set_fast(_substr_fn(pos1, pos2))
        else:
            self._set_slow()

    def _generic(self, value):
        p1 = self.pos1 - 1 if self.pos1 > 0 else len(value) + self.pos1
        p2 = self.pos2 - 1 if self.pos2 > 0 else len(value) + self.pos2
        if p1 >= p2:
            return ""
        if p2 == len(value):
            return value[p1:]
        return value[p1 : p2 + 1]

    def to_string(self) -> str:
        """Returns `SubStr(<p1>, <p2>)`."""
        return "SubStr(" + str(self.pos1) + ", " + str(self.pos2) + ")"


def _substr_fn(p1: int, p2: int):
    # The original's `b == len(v) -> v[a:]` case equals `v[a:b + 1]` because
    # slicing clamps the end, so one slice covers both cases.
    if p1 > 0 and p2 > 0:
        start, end = p1 - 1, p2
        if start >= p2 - 1:
            return _empty
        return lambda value: value[start:end]
    if p1 > 0:
        start, last = p1 - 1, p2
        return lambda value: (
            "" if start >= len(value) + last else value[start : len(value) + last + 1]
        )
    if p2 > 0:
        last, end = p2 - 1, p2
        return lambda value: (
            "" if len(value) + p1 >= last else value[len(value) + p1 : end]
        )
    if p1 >= p2:
        return _empty
    # Both relative to the end; a start below 0 keeps Python's negative slicing.
    end = p2 + 1
    return lambda value: value[len(value) + p1 : len(value) + end]


class GetSpan(Substring):
    """Text between two regex-match boundaries (spec §4 `pos` edge cases)."""

    __slots__ = ("regex1", "index1", "bound1", "regex2", "index2", "bound2")
    PARAMS = ("regex1", "index1", "bound1", "regex2", "index2", "bound2")

    def __init__(self, regex1, index1, bound1, regex2, index2, bound2):
        self.regex1 = regex1
        self.index1 = index1
        self.bound1 = bound1
        self.regex2 = regex2
        self.index2 = index2
        self.bound2 = bound2
        if (
            is_regex_arg(regex1)
            and type(index1) is int
            and is_regex_arg(regex2)
            and type(index2) is int
        ):
            first = position_fn(regex1, index1, bound1 is Boundary.START)
            second = position_fn(regex2, index2, bound2 is Boundary.START)
            self._set_fast(_span_fn(first, second))
        else:
            self._set_slow()

    def _generic(self, value):
        p1 = span_position(self.regex1, self.index1, self.bound1, value)
        p2 = span_position(self.regex2, self.index2, self.bound2, value)
        if min(p1, p2) < 0:
            return ""
        return value[p1:p2]

    def to_string(self) -> str:
        """Returns `GetSpan(<r1>, <i1>, <b1>, <r2>, <i2>, <b2>)`."""
        return "GetSpan(" + ", ".join(map(str, self.args)) + ")"


def _span_fn(first, second):
    def span(value):
        p1 = first(value)
        if p1 < 0:
            return ""
        p2 = second(value)
        return "" if p2 < 0 else value[p1:p2]

    return span


class GetToken(Substring):
    """The i-th (1-based, negative from the end) match of a Type."""

    __slots__ = ("regex_type", "index")
    PARAMS = ("regex_type", "index")

    def __init__(self, regex_type, index):
        self.regex_type = regex_type
        self.index = index
        if is_type(regex_type) and type(index) is int:
            self._set_fast(token_fn(regex_type, index))
        else:
            self._set_slow()

    def _generic(self, value):
        matches = type_pattern(self.regex_type).findall(value)
        k = normalize_index(self.index, len(matches))
        if not matches or k >= len(matches) or k < 0:
            return ""
        return matches[k]

    def to_string(self) -> str:
        """Returns `GetToken_<Type.X>_<i>`."""
        return "GetToken_" + str(self.regex_type) + "_" + str(self.index)


class GetUpto(Substring):
    """The input up to and including the first match of a regex argument."""

    __slots__ = ("regex",)
    PARAMS = ("regex",)

    def __init__(self, regex):
        self.regex = regex
        if not is_regex_arg(regex):
            self._set_slow()
            return
        pattern, delim = _pattern_of(regex)
        if delim is not None:
            # find() gives -1 without a match, and value[:0] is the "" needed.
            self._set_fast(lambda value: value[: value.find(delim) + 1])
        else:
            search = pattern.search
            self._set_fast(
                lambda value: "" if (m := search(value)) is None else value[: m.end()]
            )

    def _generic(self, value):
        match = regex_pattern(self.regex).search(value)
        if match is None:
            return ""
        return value[: match.end()]

    def to_string(self) -> str:
        """Returns `GetUpto_<r>`."""
        return "GetUpto_" + str(self.regex)


class GetFrom(Substring):
    """The input after the end of the first match of a regex argument."""

    __slots__ = ("regex",)
    PARAMS = ("regex",)

    def __init__(self, regex):
        self.regex = regex
        if not is_regex_arg(regex):
            self._set_slow()
            return
        pattern, delim = _pattern_of(regex)
        if delim is not None:
            self._set_fast(
                lambda value: "" if (j := value.find(delim)) < 0 else value[j + 1 :]
            )
        else:
            search = pattern.search
            self._set_fast(
                lambda value: "" if (m := search(value)) is None else value[m.end() :]
            )

    def _generic(self, value):
        match = regex_pattern(self.regex).search(value)
        if match is None:
            return ""
        return value[match.end() :]

    def to_string(self) -> str:
        """Returns `GetFrom_<r>`."""
        return "GetFrom_" + str(self.regex)
