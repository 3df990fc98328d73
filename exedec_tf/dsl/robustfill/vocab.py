"""Token vocabularies: program tokens (spec §5.1) and I/O characters (§5.2).

Program tokens are typed Python objects: expression classes, single-character
strings, `Type`/`Case`/`Boundary` members, ints and the strings "BOS"/"EOS".
The character "1" (id 72) and the int 1 (id 216) are different tokens; lookups
here compare the token's type as well, so neither `True` nor `1.0` is mistaken
for the int 1.
"""

from collections.abc import Iterable
from types import MappingProxyType

from exedec_tf.dsl.errors import InternalError, UnknownTokenError
from exedec_tf.dsl.robustfill.base import Compose, ConstStr
from exedec_tf.dsl.robustfill.constants import (
    BOS,
    CHARACTER,
    EOS,
    POSITION,
    Boundary,
    Case,
    Type,
)
from exedec_tf.dsl.robustfill.modifications import (
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
from exedec_tf.dsl.robustfill.substrings import (
    GetFrom,
    GetSpan,
    GetToken,
    GetUpto,
    SubStr,
)

PAD_ID = 0
BOS_ID = 1
EOS_ID = 2

# In vocabulary order (ids 3..18); the order fixes the ids.
EXPRESSION_CLASSES = (
    Compose,
    ConstStr,
    SubStr,
    GetSpan,
    GetToken,
    ToCase,
    Replace,
    Trim,
    GetUpto,
    GetFrom,
    GetFirst,
    GetAll,
    Substitute,
    SubstituteAll,
    Remove,
    RemoveAll,
)


def _program_tokens() -> list:
    tokens: list = list(EXPRESSION_CLASSES)
    tokens.extend(CHARACTER)
    tokens.extend(Type)
    tokens.extend(Case)
    tokens.extend(Boundary)
    tokens.extend(range(POSITION[0], POSITION[1] + 1))
    return tokens


def _typed(token) -> tuple:
    return (type(token), token)


_ID_TO_TOKEN = {i + 3: token for i, token in enumerate(_program_tokens())}
_ID_TO_TOKEN[BOS_ID] = BOS
_ID_TO_TOKEN[EOS_ID] = EOS
_TYPED_TOKEN_TO_ID = {_typed(token): i for i, token in _ID_TO_TOKEN.items()}

# id -> token for ids 1..315; id 0 (padding) is deliberately absent.
PROGRAM_ID_TO_TOKEN = MappingProxyType(dict(sorted(_ID_TO_TOKEN.items())))
# token -> id; prefer `program_token_id`, which also checks the token's type.
PROGRAM_TOKEN_TO_ID = MappingProxyType({t: i for i, t in PROGRAM_ID_TO_TOKEN.items()})
# Models reserve id 0 for padding on top of the 315 table entries.
PROGRAM_VOCAB_SIZE = len(PROGRAM_ID_TO_TOKEN) + 1
CLASS_ID = MappingProxyType({cls: i + 3 for i, cls in enumerate(EXPRESSION_CLASSES)})


def program_token_id(token) -> int:
    """Returns the program-vocabulary id of `token` (type-exact).

    Raises:
        UnknownTokenError: `token` is not a program token.
    """
    try:
        return _TYPED_TOKEN_TO_ID[_typed(token)]
    except (KeyError, TypeError):
        raise UnknownTokenError(
            f"{token!r} (of type {type(token).__name__}) is not a RobustFill "
            f"program token"
        ) from None


def program_id_token(token_id: int):
    """Returns the program token of an id.

    Raises:
        UnknownTokenError: `token_id` is not in 1..315.
    """
    try:
        return _ID_TO_TOKEN[token_id]
    except (KeyError, TypeError):
        raise UnknownTokenError(
            f"{token_id!r} is not a RobustFill program token id "
            f"(valid ids: 1..{PROGRAM_VOCAB_SIZE - 1})"
        ) from None


# ---- I/O specification vocabulary -------------------------------------------

SEPARATOR = "|"
_SPEC_ID_TO_TOKEN = {i + 3: char for i, char in enumerate(CHARACTER + SEPARATOR)}
_SPEC_ID_TO_TOKEN.update({PAD_ID: None, BOS_ID: BOS, EOS_ID: EOS})
SPEC_ID_TO_TOKEN = MappingProxyType(dict(sorted(_SPEC_ID_TO_TOKEN.items())))
SPEC_TOKEN_TO_ID = MappingProxyType({t: i for i, t in SPEC_ID_TO_TOKEN.items()})
SPEC_VOCAB_SIZE = len(SPEC_ID_TO_TOKEN)
SEPARATOR_ID = SPEC_TOKEN_TO_ID[SEPARATOR]
_CHAR_TO_SPEC_ID = {char: i for i, char in SPEC_ID_TO_TOKEN.items() if i > EOS_ID}


def encode_spec(text: str) -> list[int]:
    """Encodes an input/output string (or `|`-joined ones) as one id per character.

    Raises:
        UnknownTokenError: a character is outside the spec vocabulary; the
            message names it and its position.
    """
    table = _CHAR_TO_SPEC_ID
    try:
        return [table[char] for char in text]
    except KeyError:
        pass
    for position, char in enumerate(text):
        if char not in table:
            raise UnknownTokenError(
                f"character {char!r} at position {position} of {text!r} is not "
                f"in the RobustFill spec vocabulary"
            )
    raise InternalError(f"encode_spec found no unknown character in {text!r}")


def decode_spec(ids: Iterable[int]) -> str:
    """Decodes spec ids to a string, dropping padding, BOS and EOS ids.

    As in the original, every id <= 2 (including negative ones) is dropped.

    Raises:
        UnknownTokenError: an id is above the vocabulary; the message names the
            id and its position.
    """
    chars = []
    for position, token_id in enumerate(ids):
        if token_id > EOS_ID:
            char = _SPEC_ID_TO_TOKEN.get(token_id)
            if char is None:
                raise UnknownTokenError(
                    f"spec id {token_id!r} at position {position} is not in the "
                    f"RobustFill spec vocabulary (valid ids: 0..{SPEC_VOCAB_SIZE - 1})"
                )
            chars.append(char)
    return "".join(chars)
