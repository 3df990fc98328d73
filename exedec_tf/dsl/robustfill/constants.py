"""Alphabet, index ranges, enumerations and regular expressions of RobustFill.

Everything here is data: the character sets and integer ranges that define the
token vocabularies, the three argument enumerations, and the precompiled regular
expressions that the expressions match against their input string.
"""

import enum
import re
import string

# SubStr positions (and the integer tokens of the program vocabulary), inclusive.
POSITION = (-100, 100)
# Match indices the generator draws; 0 is deliberately absent.
INDEX = (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)

# The order matters: it fixes token ids and the CHAR regex.
DELIMITER = "&,.?!@()[]%{}/:;$#\"' "
CHARACTER = string.ascii_letters + string.digits + DELIMITER

BOS = "BOS"
EOS = "EOS"


class Type(enum.Enum):
    """Token classes that regex-based expressions look for."""

    NUMBER = 1
    WORD = 2
    ALPHANUM = 3
    ALL_CAPS = 4
    PROP_CASE = 5
    LOWER = 6
    DIGIT = 7
    CHAR = 8


class Case(enum.Enum):
    """Target case of ToCase."""

    PROPER = 1
    ALL_CAPS = 2
    LOWER = 3


class Boundary(enum.Enum):
    """Which end of a regex match GetSpan uses as a position."""

    START = 1
    END = 2


TYPE_REGEX = {
    Type.NUMBER: "[0-9]+",
    Type.WORD: "[A-Za-z]+",
    Type.ALPHANUM: "[A-Za-z0-9]+",
    Type.ALL_CAPS: "[A-Z]+",
    Type.PROP_CASE: "[A-Z][a-z]+",
    Type.LOWER: "[a-z]+",
    Type.DIGIT: "[0-9]",
    Type.CHAR: "[A-Za-z0-9" + "".join(re.escape(d) for d in DELIMITER) + "]",
}
TYPE_PATTERN = {t: re.compile(regex) for t, regex in TYPE_REGEX.items()}


def delimiter_regex(delimiter: str) -> str:
    """Returns the one-character-class regex matching each `delimiter`."""
    return "[" + re.escape(delimiter) + "]"


DELIMITER_PATTERN = {d: re.compile(delimiter_regex(d)) for d in DELIMITER}
