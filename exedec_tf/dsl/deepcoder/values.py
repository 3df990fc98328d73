"""DeepCoder values: validity, printing and parsing of ints and lists of ints.

A value is an `int` or a `list` of ints, every int within
[-config.max_int, config.max_int]. `bool` is deliberately not an int here.
"""

import ast
import re
from typing import Any

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.errors import InternalError

Value = int | list[int]

_INT_TYPE_ONLY = frozenset([int])

# A run of spaces between a digit and a digit or minus sign separates two list
# elements in the comma-less text format; a comma makes it a Python literal.
_ELEMENT_GAP_RE = re.compile(r"(?<=\d) +(?=-|\d)")

# Marks "not in canonical form" in the fast parser (None is a legal outcome).
_NOT_CANONICAL = object()


def is_valid_value(value: Any, config: DeepCoderConfig = DEFAULT_CONFIG) -> bool:
    """Returns whether `value` is a valid int or list of ints within range."""
    value_type = type(value)
    max_int = config.max_int
    if value_type is int:
        return -max_int <= value <= max_int
    if value_type is list:
        if not value:
            return True
        # map/min/max run in C, which is much faster than a per-element loop.
        return (
            set(map(type, value)) == _INT_TYPE_ONLY
            and -max_int <= min(value)
            and max(value) <= max_int
        )
    return False


def value_tokens(value: Any) -> list[str]:
    """Returns the tokens of a value: `7` -> ['7'], [4, 2] -> ['[', '4', '2', ']'].

    Any int (including a bool, which prints as `True`) or list, nested or not,
    is tokenized; anything else raises InternalError, since only values should
    ever reach this function.
    """
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, list):
        tokens = ["["]
        for element in value:
            tokens.extend(value_tokens(element))
        tokens.append("]")
        return tokens
    raise InternalError(f"cannot tokenize non-value {value!r}")


def format_value(value: Any) -> str:
    """Returns the canonical text of a value, e.g. '[ 4 2 5 ]', '[ ]' or '-3'."""
    if type(value) is int:
        return str(value)
    if type(value) is list and set(map(type, value)) <= _INT_TYPE_ONLY:
        if not value:
            return "[ ]"
        return "[ " + " ".join(map(str, value)) + " ]"
    return " ".join(value_tokens(value))


def parse_value(text: str) -> Any:
    """Parses value text as the original did; returns None if unparseable.

    Commas are inserted into each run of spaces between a digit and a digit or
    `-`, and the result is evaluated as a Python literal. The result is not
    validated: `1 2` gives the tuple (1, 2), `1.5` a float and `True` a bool.
    `01` is unparseable (None). A TypeError from the literal evaluator (e.g.
    `{[1]: 2}`) propagates, as in the original.
    """
    value = _parse_canonical(text)
    if value is not _NOT_CANONICAL:
        return value
    try:
        return ast.literal_eval(_ELEMENT_GAP_RE.sub(", ", text))
    except (ValueError, SyntaxError):
        return None


def _parse_canonical(text: str) -> Any:
    """Parses text in exactly the canonical printed form, else _NOT_CANONICAL.

    Canonical text parses to the same value under the literal-evaluation rules
    of `parse_value`, so this is only a shortcut around `ast.literal_eval`.
    """
    if text[:1] == "[":
        if text == "[ ]":
            return []
        if text[:2] != "[ " or text[-2:] != " ]":
            return _NOT_CANONICAL
        inner = text[2:-2]
        try:
            value = [int(part) for part in inner.split(" ")]
        except ValueError:
            return _NOT_CANONICAL
        # int() also accepts '+1', '01', '1_0', ' 1' and non-ASCII digits;
        # printing back rejects all of those.
        if " ".join(map(str, value)) != inner:
            return _NOT_CANONICAL
        return value
    try:
        value = int(text)
    except ValueError:
        return _NOT_CANONICAL
    if str(value) != text:
        return _NOT_CANONICAL
    return value
