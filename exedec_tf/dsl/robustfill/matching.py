"""Regex-argument resolution and match helpers with the original's failure modes.

Decoded programs are not type checked, so an argument that should be a `Type`
or a delimiter may be any vocabulary token. These helpers raise the same kind of
Python exception the original interpreter raised for such tokens (ValueError,
AssertionError or TypeError); the expressions' slow paths rely on that.
"""

import re

from exedec_tf.dsl.robustfill.constants import (
    DELIMITER,
    DELIMITER_PATTERN,
    TYPE_PATTERN,
    Boundary,
    Type,
)


def is_type(token) -> bool:
    """Whether `token` is a `Type` member (the only valid token-type argument)."""
    return type(token) is Type


def is_regex_arg(token) -> bool:
    """Whether `token` is a valid regex argument: a Type or one delimiter char."""
    return type(token) is Type or (type(token) is str and token in DELIMITER_PATTERN)


def type_pattern(token) -> re.Pattern:
    """Returns the compiled regex of a `Type` argument.

    Raises:
        ValueError: `token` is not a `Type` member ("unsupported type").
    """
    if type(token) is Type:
        return TYPE_PATTERN[token]
    raise ValueError(f"unsupported type {token!r}: expected a Type member")


def regex_pattern(token) -> re.Pattern:
    """Returns the compiled regex of a regex argument (Type or delimiter).

    Raises:
        TypeError: `token` has no length (an int, a Case/Boundary member, a class).
        AssertionError: `token` is a string other than a single delimiter.
    """
    if type(token) is Type:
        return TYPE_PATTERN[token]
    # len() first, exactly like the original: objects without a length raise
    # TypeError, which callers report like any other run-time failure.
    if len(token) == 1 and token in DELIMITER:
        return DELIMITER_PATTERN[token]
    raise AssertionError(
        f"regex argument {token!r} is neither a Type nor a single delimiter"
    )


def normalize_index(index, num_matches: int):
    """Maps a 1-based signed match index to a 0-based one (may be out of range).

    A non-int `index` raises TypeError from the comparison, as in the original.
    """
    return index - 1 if index > 0 else num_matches + index


def span_position(token, index, bound, value) -> int:
    """Position of GetSpan's `pos(r, i, b)` on `value`, original edge cases included.

    Returns -1 without matches, the match count minus one for a too large
    index, 0 for a too small one, else the start (Boundary.START) or end (any
    other bound) of the selected match.
    """
    spans = [m.span() for m in regex_pattern(token).finditer(value)]
    k = normalize_index(index, len(spans))
    if not spans:
        return -1
    if k >= len(spans):
        return len(spans) - 1
    if k < 0:
        return 0
    start, end = spans[k]
    return start if bound is Boundary.START else end
