"""Modification expressions: ToCase, Replace, Trim, GetFirst, GetAll and the
substitution/removal family.

As in `substrings`, each class has a literal slow path for any argument types
and a fast function for well-typed arguments built at construction.
"""

from exedec_tf.dsl.errors import ParseError
from exedec_tf.dsl.robustfill.base import Modification
from exedec_tf.dsl.robustfill.constants import TYPE_PATTERN, Case, Type
from exedec_tf.dsl.robustfill.matching import is_type, normalize_index, type_pattern

_CASE_FN = {
    Case.PROPER: str.capitalize,
    Case.ALL_CAPS: str.upper,
    Case.LOWER: str.lower,
}


def _identity(value: str) -> str:
    return value


class ToCase(Modification):
    """Proper case (Python `capitalize`), all caps or lower case."""

    __slots__ = ("case",)
    PARAMS = ("case",)

    def __init__(self, case):
        self.case = case
        if type(case) is Case:
            self._set_fast(_CASE_FN[case])
        else:
            self._set_slow()

    def _generic(self, value):
        if self.case is Case.PROPER:
            return value.capitalize()
        if self.case is Case.ALL_CAPS:
            return value.upper()
        if self.case is Case.LOWER:
            return value.lower()
        raise ValueError(f"invalid case {self.case!r}")

    def to_string(self) -> str:
        """Returns `ToCase_<Case.X>`."""
        return "ToCase_" + str(self.case)


class Replace(Modification):
    """Replaces every occurrence of one string (a delimiter) by another."""

    __slots__ = ("delim1", "delim2")
    PARAMS = ("delim1", "delim2")

    def __init__(self, delim1, delim2):
        self.delim1 = delim1
        self.delim2 = delim2
        if type(delim1) is str and type(delim2) is str:
            self._set_fast(lambda value: value.replace(delim1, delim2))
        else:
            self._set_slow()

    def _generic(self, value):
        return value.replace(self.delim1, self.delim2)

    def to_string(self) -> str:
        """Returns `Replace_<d1>_<d2>`."""
        return "Replace_" + str(self.delim1) + "_" + str(self.delim2)


class Trim(Modification):
    """Strips leading and trailing whitespace."""

    __slots__ = ()
    PARAMS = ()

    def __init__(self):
        self._set_fast(str.strip)

    def _generic(self, value):
        return value.strip()

    def to_string(self) -> str:
        """Returns `Trim`."""
        return "Trim"


class GetFirst(Modification):
    """The first `index` matches of a Type, joined (raw slicing, spec §11.3)."""

    __slots__ = ("regex_type", "index")
    PARAMS = ("regex_type", "index")

    def __init__(self, regex_type, index):
        self.regex_type = regex_type
        self.index = index
        if is_type(regex_type) and type(index) is int:
            findall = TYPE_PATTERN[regex_type].findall
            # Slicing already yields all matches for index >= count and none
            # for no matches, so the original's branches collapse to one slice.
            self._set_fast(lambda value: "".join(findall(value)[:index]))
        else:
            self._set_slow()

    def _generic(self, value):
        matches = type_pattern(self.regex_type).findall(value)
        if not matches:
            return ""
        if self.index >= len(matches):
            return "".join(matches)
        return "".join(matches[: self.index])

    def to_string(self) -> str:
        """Returns `GetFirst_<Type.X>_<i>`."""
        return "GetFirst_" + str(self.regex_type) + "_" + str(self.index)


class GetAll(Modification):
    """All matches of a Type, joined."""

    __slots__ = ("regex_type",)
    PARAMS = ("regex_type",)

    def __init__(self, regex_type):
        self.regex_type = regex_type
        if is_type(regex_type):
            findall = TYPE_PATTERN[regex_type].findall
            self._set_fast(lambda value: "".join(findall(value)))
        else:
            self._set_slow()

    def _generic(self, value):
        return "".join(type_pattern(self.regex_type).findall(value))

    def to_string(self) -> str:
        """Returns `GetAll_<Type.X>`."""
        return "GetAll_" + str(self.regex_type)


def _substitute_generic(regex_type, index, char, value):
    matches = type_pattern(regex_type).findall(value)
    k = normalize_index(index, len(matches))
    if not matches or k >= len(matches) or k < 0:
        return value
    # The first textual occurrence, not necessarily the k-th match (§11.4).
    return value.replace(matches[k], char, 1)


def _substitute_fn(pattern, index: int, char: str):
    if index == 0:
        return _identity
    if index == 1:
        search = pattern.search
        return lambda value: (
            value if (m := search(value)) is None else value.replace(m.group(), char, 1)
        )
    findall = pattern.findall
    if index > 0:
        k = index - 1
        return lambda value: (
            value.replace(m[k], char, 1) if len(m := findall(value)) > k else value
        )
    return lambda value: (
        value.replace(m[index], char, 1)
        if len(m := findall(value)) >= -index
        else value
    )


def _substitute_all_generic(regex_type, char, value):
    for match in type_pattern(regex_type).findall(value):
        value = value.replace(match, char, 1)
    return value


def _substitute_all_fn(regex_type: Type, char: str):
    pattern = TYPE_PATTERN[regex_type]
    if regex_type is not Type.PROP_CASE and len(char) <= 1 and char != "\\":
        # For run-of-a-class patterns (and single-class-character ones), each
        # match's first occurrence in the progressively updated string is the
        # match itself, or an earlier copy of a one-character replacement equal
        # to it (a no-op swap), so the sequential replacement is `sub`. PROP_CASE
        # matches can reappear across gaps and a longer or escaping replacement
        # could create copies, so those keep the literal loop.
        sub = pattern.sub
        return lambda value: sub(char, value)
    findall = pattern.findall

    def substitute_all(value):
        # Sequential first-occurrence replacement on the updated string
        # (§11.4); the match list comes from the original value.
        for match in findall(value):
            value = value.replace(match, char, 1)
        return value

    return substitute_all


class Substitute(Modification):
    """Replaces the first occurrence of the i-th match's text by a character."""

    __slots__ = ("regex_type", "index", "char")
    PARAMS = ("regex_type", "index", "char")

    def __init__(self, regex_type, index, char):
        self.regex_type = regex_type
        self.index = index
        self.char = char
        if is_type(regex_type) and type(index) is int and type(char) is str:
            self._set_fast(_substitute_fn(TYPE_PATTERN[regex_type], index, char))
        else:
            self._set_slow()

    def _generic(self, value):
        return _substitute_generic(self.regex_type, self.index, self.char, value)

    def to_string(self) -> str:
        """Returns `Substitute_<Type.X>_<i>_<c>`."""
        if not isinstance(self.char, str):
            raise _unprintable_char(self)
        return (
            "Substitute_" + str(self.regex_type) + "_" + str(self.index) + "_"
        ) + self.char


class SubstituteAll(Modification):
    """Replaces each match's text (first occurrence, in turn) by a character."""

    __slots__ = ("regex_type", "char")
    PARAMS = ("regex_type", "char")

    def __init__(self, regex_type, char):
        self.regex_type = regex_type
        self.char = char
        if is_type(regex_type) and type(char) is str:
            self._set_fast(_substitute_all_fn(regex_type, char))
        else:
            self._set_slow()

    def _generic(self, value):
        return _substitute_all_generic(self.regex_type, self.char, value)

    def to_string(self) -> str:
        """Returns `SubstituteAll_<Type.X>_<c>`."""
        if not isinstance(self.char, str):
            raise _unprintable_char(self)
        return "SubstituteAll_" + str(self.regex_type) + "_" + self.char


class Remove(Modification):
    """Removes the first occurrence of the i-th match's text."""

    __slots__ = ("regex_type", "index")
    PARAMS = ("regex_type", "index")

    def __init__(self, regex_type, index):
        self.regex_type = regex_type
        self.index = index
        if is_type(regex_type) and type(index) is int:
            self._set_fast(_substitute_fn(TYPE_PATTERN[regex_type], index, ""))
        else:
            self._set_slow()

    def _generic(self, value):
        return _substitute_generic(self.regex_type, self.index, "", value)

    def to_string(self) -> str:
        """Returns `Remove_<Type.X>_<i>`."""
        return "Remove_" + str(self.regex_type) + "_" + str(self.index)


class RemoveAll(Modification):
    """Removes each match's text (first occurrence, in turn)."""

    __slots__ = ("regex_type",)
    PARAMS = ("regex_type",)

    def __init__(self, regex_type):
        self.regex_type = regex_type
        if is_type(regex_type):
            self._set_fast(_substitute_all_fn(regex_type, ""))
        else:
            self._set_slow()

    def _generic(self, value):
        return _substitute_all_generic(self.regex_type, "", value)

    def to_string(self) -> str:
        """Returns `RemoveAll_<Type.X>`."""
        return "RemoveAll_" + str(self.regex_type)


def _unprintable_char(expression) -> ParseError:
    return ParseError(
        f"cannot print {type(expression).__name__} with non-string character "
        f"{expression.char!r}"
    )
