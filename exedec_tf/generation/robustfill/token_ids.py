"""Decimal program-token ids of the values the samplers draw.

The released data stores each expression as its token ids joined by spaces.
Samplers know their arguments when they accept an expression, so they build
that string directly from these tables (taken from the DSL vocabulary) instead
of encoding the expression object afterwards. Tests check the result against
`encode_expression`.
"""

from exedec_tf.dsl.robustfill import (
    CHARACTER,
    CLASS_ID,
    DELIMITER,
    POSITION,
    Boundary,
    Case,
    Compose,
    Type,
    program_token_id,
)

# Expression class -> id string.
CLASS = {cls: str(i) for cls, i in CLASS_ID.items()}

# Integer tokens (SubStr positions, match indices) -> id string. The int 1 and
# the character "1" are different tokens, hence a separate table.
INT = {k: str(program_token_id(k)) for k in range(POSITION[0], POSITION[1] + 1)}

# Characters and enum members -> id string. Type members and one-character
# strings never compare equal, so GetSpan/GetUpto/GetFrom's regex argument
# (a Type or a delimiter) looks up here directly.
TOKEN = {c: str(program_token_id(c)) for c in CHARACTER}
for _enum in (Type, Case, Boundary):
    TOKEN.update({member: str(program_token_id(member)) for member in _enum})
del _enum


_COMPOSE = CLASS[Compose]


def compose_ids(outer_ids: str, inner_ids: str) -> str:
    """Ids of Compose(outer, inner) given the ids of its two parts."""
    return _COMPOSE + " " + outer_ids + " " + inner_ids


# Ids by position, for samplers that draw an index into these sequences:
# indexing a tuple avoids hashing the drawn value (Enum hashing is a
# Python-level call).
CHARACTER_IDS = tuple(TOKEN[c] for c in CHARACTER)
DELIMITER_IDS = tuple(TOKEN[d] for d in DELIMITER)
CASE_IDS = tuple(TOKEN[c] for c in Case)
BOUNDARY_IDS = tuple(TOKEN[b] for b in Boundary)
