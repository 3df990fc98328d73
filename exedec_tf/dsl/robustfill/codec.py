"""Program <-> token ids <-> released program strings (spec §6, §7).

`decode_program` is the original's untyped decoder: any tokens of the right
count build an expression, a nested Compose takes two raw tokens, and an EOS
can be swallowed as an argument. Failures that the original signalled with
KeyError/IndexError/TypeError/AssertionError are ParseError (UnknownTokenError
for unknown ids) here, with the offending id and position in the message.

`decode_prediction` is the end-to-end loop's decoder (inference spec §2.3
process_and_decode_program): untyped decoding, then the original's printing,
which rejects some decodable programs (a Const of a Boundary, spec §8).

The empty program (`[EOS]` decodes to it) has the released string form `""`.
"""

from collections.abc import Iterable, Sequence

from exedec_tf.dsl.errors import ParseError, UnknownTokenError
from exedec_tf.dsl.robustfill.base import Compose, Concat, Expression, describe
from exedec_tf.dsl.robustfill.constants import EOS
from exedec_tf.dsl.robustfill.vocab import (
    BOS_ID,
    CLASS_ID,
    EOS_ID,
    EXPRESSION_CLASSES,
    PROGRAM_ID_TO_TOKEN,
    program_token_id,
)

PROGRAM_SEPARATOR = "|"
# A plain dict: lookups through the read-only proxy cost noticeably more.
_ID_TO_TOKEN = dict(PROGRAM_ID_TO_TOKEN)
_WIDTH = {cls: cls.width() for cls in EXPRESSION_CLASSES}
_MISSING = object()


# ---- encoding -----------------------------------------------------------------


def encode_expression(expression: Expression) -> list[int]:
    """Token ids of one expression (no EOS).

    Raises:
        ParseError: `expression` is not an expression, or a Compose holds raw
            tokens (from decoding a nested Compose) that cannot be encoded.
        UnknownTokenError: an argument is not a program token.
    """
    if type(expression) is Compose:
        parts = (expression.modification, expression.modification_or_substring)
        if not all(isinstance(p, Expression) for p in parts):
            raise ParseError(
                "cannot encode Compose of non-expressions "
                + " and ".join(describe(p) for p in parts)
            )
        return [
            CLASS_ID[Compose],
            *encode_expression(parts[0]),
            *encode_expression(parts[1]),
        ]
    class_id = CLASS_ID.get(type(expression))
    if class_id is None:
        raise ParseError(f"cannot encode {describe(expression)}: not an expression")
    return [class_id, *(program_token_id(arg) for arg in expression.args)]


def _expressions_of(program, allow_empty: bool = False) -> tuple:
    if not isinstance(program, Concat):
        raise ParseError(f"expected a Concat program, got {describe(program)}")
    if not program.expressions and not allow_empty:
        raise ParseError(
            "cannot encode a Concat with no expressions (the original cannot either)"
        )
    return program.expressions


def encode_program(program: Concat) -> list[int]:
    """Token ids of a program: its expressions' ids followed by EOS."""
    ids: list[int] = []
    for expression in _expressions_of(program):
        ids.extend(encode_expression(expression))
    ids.append(EOS_ID)
    return ids


def program_to_string(program: Concat) -> str:
    """The released string form, e.g. `5 216 218|4 83` (no EOS).

    The empty program gives `""` (the original had no string for it: it could
    not encode it, although `[EOS]` decodes to it and runs).
    """
    return PROGRAM_SEPARATOR.join(
        " ".join(map(str, encode_expression(e)))
        for e in _expressions_of(program, allow_empty=True)
    )


# ---- decoding -----------------------------------------------------------------


def _token_at(ids: Sequence, position: int):
    if position >= len(ids):
        raise ParseError(
            f"program ids end at position {position} where another token was "
            f"expected (ids: {list(ids)})"
        )
    token_id = ids[position]
    try:
        token = _ID_TO_TOKEN.get(token_id, _MISSING)
    except TypeError:
        token = _MISSING
    if token is _MISSING:
        raise UnknownTokenError(
            f"unknown program token id {token_id!r} at position {position} "
            f"(valid ids: 1..{len(_ID_TO_TOKEN)})"
        )
    return token


def _build(ids: Sequence, position: int):
    """Builds the expression at `position`; returns it and the next position."""
    token = _token_at(ids, position)
    width = _WIDTH.get(token, 2)
    args = [
        _token_at(ids, p) for p in range(position + 1, min(position + width, len(ids)))
    ]
    if token not in _WIDTH:
        raise ParseError(
            f"token {describe(token)} (id {ids[position]!r}) at position {position} "
            f"is not an expression class"
        )
    if len(args) < width - 1:
        raise ParseError(
            f"{token.__name__} at position {position} needs {width - 1} arguments "
            f"but the ids end after {len(args)}"
        )
    return token(*args), position + width


def decode_program(ids: Iterable[int]) -> Concat:
    """Decodes token ids (normally ending with EOS) with the original algorithm.

    Raises:
        UnknownTokenError: an id is not in the program vocabulary.
        ParseError: a non-class token where an expression must start, too few
            ids for an expression's arguments, or no EOS where decoding stops.
    """
    if not isinstance(ids, list):
        ids = list(ids)
    try:
        return _decode_unchecked(ids)
    except (KeyError, IndexError, TypeError):
        # Every failure of the unchecked pass is one of these; the checked
        # pass finds the same failure and names it.
        return _decode_checked(ids)


def _decode_unchecked(ids: list) -> Concat:
    # The hot path: plain lookups whose exceptions signal any malformation
    # (unknown id, non-class token, missing argument, missing final token).
    lookup, widths = _ID_TO_TOKEN.__getitem__, _WIDTH
    expressions = []
    position = 0
    end = len(ids) - 1
    while position < end:
        cls = lookup(ids[position])
        if cls is Compose:
            position += 1
            cls = lookup(ids[position])
            stop = position + widths[cls]
            outer = cls(*map(lookup, ids[position + 1 : stop]))
            position = stop
            cls = lookup(ids[position])
            stop = position + widths[cls]
            inner = cls(*map(lookup, ids[position + 1 : stop]))
            expressions.append(Compose(outer, inner))
        else:
            stop = position + widths[cls]
            expressions.append(cls(*map(lookup, ids[position + 1 : stop])))
        position = stop
    if lookup(ids[position]) != EOS:
        raise KeyError(position)
    return Concat(*expressions)


def _decode_checked(ids: list) -> Concat:
    expressions = []
    position = 0
    end = len(ids) - 1
    while position < end:
        if _token_at(ids, position) is Compose:
            outer, position = _build(ids, position + 1)
            inner, position = _build(ids, position)
            expressions.append(Compose(outer, inner))
        else:
            expression, position = _build(ids, position)
            expressions.append(expression)
    last = _token_at(ids, position)
    if last != EOS:
        raise ParseError(
            f"expected EOS (id {EOS_ID}) at position {position}, found "
            f"{describe(last)} (id {ids[position]!r})"
        )
    return Concat(*expressions)


def ids_to_program(ids: Iterable[int]) -> Concat | None:
    """Decodes a predicted id sequence the way the original evaluation does.

    Drops every id that is not above EOS (padding, BOS, EOS and negatives),
    appends one EOS and decodes; returns None if anything fails.
    """
    try:
        kept = [i for i in ids if i > 0 and i != BOS_ID and i != EOS_ID]
        kept.append(EOS_ID)
        return decode_program(kept)
    except (TypeError, ValueError):
        # ParseError and UnknownTokenError are ValueErrors; TypeError covers
        # ids that cannot even be compared with 0.
        return None


def printed_form(program: Concat) -> str | None:
    """The original's `str(program)` (spec §8), or None where printing raises.

    Printing fails where a character slot (Const, Substitute, SubstituteAll)
    holds a non-string token, and for a Compose of raw tokens (a nested
    Compose); the end-to-end loop counts such programs as invalid.
    """
    try:
        return program.to_string()
    except ParseError:
        return None


def decode_prediction(ids: Sequence[int]) -> Concat | None:
    """A predicted program as the end-to-end loop decodes it, None if invalid.

    Keeps the ids before the last EOS (before the last position when there is
    no EOS), drops every 0, BOS and EOS, appends one EOS and decodes; the
    program must also print. So `[BOS, EOS]` is the empty program (output
    `""`), a nested Compose decodes but is invalid, and so is `Const(START)`.
    """
    ids = list(ids)
    if not ids:
        return None  # the original's last-EOS search fails on an empty array
    ends = [p for p, i in enumerate(ids) if i == EOS_ID]
    end = ends[-1] if ends else len(ids) - 1
    program = ids_to_program(ids[:end])
    if program is None or printed_form(program) is None:
        return None
    return program


def program_string_to_ids(text: str) -> list[int]:
    """Ids of a released program string (`|` and spaces separate ids) plus EOS.

    `""` (the empty program) gives `[EOS]`.

    Raises:
        ParseError: a piece between separators is not an integer (an empty
            piece from doubled or stray separators included).
    """
    if text == "":
        return [EOS_ID]
    pieces = text.replace(PROGRAM_SEPARATOR, " ").split(" ")
    try:
        ids = list(map(int, pieces))
    except ValueError:
        for position, piece in enumerate(pieces):
            try:
                int(piece)
            except ValueError:
                raise ParseError(
                    f"program string piece {piece!r} (token {position}) of "
                    f"{text!r} is not an integer id"
                ) from None
        raise
    ids.append(EOS_ID)
    return ids


def parse_program_string(text: str) -> Concat:
    """Parses a released program string such as `5 216 218|4 83|3 8 111 7 103 217`.

    Like the original, `|` is just another separator: the ids are decoded as
    one flat sequence with an EOS appended.

    Raises:
        ParseError: a piece is not an integer, or the ids do not decode.
        UnknownTokenError: an id is not in the program vocabulary.
    """
    ids = program_string_to_ids(text)
    try:
        return decode_program(ids)
    except ParseError as err:
        raise type(err)(f"{err}; in program string {text!r}") from err
