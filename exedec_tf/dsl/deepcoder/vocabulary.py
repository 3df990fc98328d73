"""The DeepCoder token vocabulary, shared by programs and I/O specifications.

Default table (153 tokens): 0 PAD `''`, 1 `<BOS>`, 2 `<EOS>`, 3 `|`, 4 `=`,
5 `INPUT`, 6 `[`, 7 `]`, 8-22 operations, 23-41 lambdas, 42-51 `x0`-`x9`, then
the integers -50 ... 50 (id = 102 + value).
"""

import dataclasses
import functools
import types
from collections.abc import Iterable, Mapping

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS
from exedec_tf.dsl.deepcoder.operations import OPERATIONS
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.variables import all_variables
from exedec_tf.dsl.errors import UnknownTokenError

PAD, BOS, EOS, SEP = "", "<BOS>", "<EOS>", "|"
PAD_ID, BOS_ID, EOS_ID, SEP_ID = 0, 1, 2, 3


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """Token <-> id tables.

    Attributes:
        id_to_token: Token of each id (the id is the position).
        token_to_id: Id of each token.
    """

    id_to_token: tuple[str, ...]
    token_to_id: Mapping[str, int] = dataclasses.field(compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.id_to_token)


@functools.cache
def get_vocabulary(config: DeepCoderConfig = DEFAULT_CONFIG) -> Vocabulary:
    """Returns the vocabulary for `config` (only the integer block depends on it)."""
    tokens = [PAD, BOS, EOS, SEP, "=", "INPUT", "[", "]"]
    tokens.extend(op.token for op in OPERATIONS)
    tokens.extend(lam.token for lam in LAMBDAS)
    tokens.extend(all_variables(config))
    tokens.extend(str(i) for i in range(config.min_int, config.max_int + 1))
    token_to_id = {token: i for i, token in enumerate(tokens)}
    if len(token_to_id) != len(tokens):
        raise AssertionError(f"duplicate tokens in vocabulary: {tokens}")
    return Vocabulary(tuple(tokens), types.MappingProxyType(token_to_id))


def vocab_tables(
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> tuple[list[str], dict[str, int]]:
    """Returns (id -> token list, token -> id dict); fresh copies, free to modify."""
    vocab = get_vocabulary(config)
    return list(vocab.id_to_token), dict(vocab.token_to_id)


def tokens_to_ids(
    tokens: Iterable[str], config: DeepCoderConfig = DEFAULT_CONFIG
) -> list[int]:
    """Maps tokens to ids; raises UnknownTokenError naming an unknown token."""
    token_to_id = get_vocabulary(config).token_to_id
    try:
        return [token_to_id[token] for token in tokens]
    except KeyError as e:
        raise UnknownTokenError(
            f"token {e.args[0]!r} is not in the DeepCoder vocabulary"
        ) from None


def ids_to_tokens(
    ids: Iterable[int], config: DeepCoderConfig = DEFAULT_CONFIG
) -> list[str]:
    """Maps ids to tokens; raises UnknownTokenError naming an unknown id."""
    id_to_token = _id_to_token_dict(config)
    ids = list(ids)
    try:
        return [id_to_token[i] for i in ids]
    except (KeyError, TypeError):
        bad = next(i for i in ids if _lookup_fails(id_to_token, i))
        raise UnknownTokenError(
            f"id {bad!r} is not in the DeepCoder vocabulary"
        ) from None


def spec_str_to_ids(spec: str, config: DeepCoderConfig = DEFAULT_CONFIG) -> list[int]:
    """Encodes a state or value string: single-space split, no EOS appended."""
    return tokens_to_ids(spec.split(" "), config)


def ids_to_spec_str(
    ids: Iterable[int], config: DeepCoderConfig = DEFAULT_CONFIG
) -> str:
    """Decodes a state or value string, dropping PAD (and ids < 0), BOS and EOS."""
    return " ".join(ids_to_tokens(_strip_special(ids, drop_bos=True), config))


def program_to_ids(program: str, config: DeepCoderConfig = DEFAULT_CONFIG) -> list[int]:
    """Encodes a program string: single-space split, then EOS appended."""
    return tokens_to_ids(program.split(" "), config) + [EOS_ID]


def ids_to_program(
    ids: Iterable[int], config: DeepCoderConfig = DEFAULT_CONFIG
) -> Program | None:
    """Decodes program ids as the original evaluation did; None if unparseable.

    PAD (and ids < 0) and EOS ids are dropped, but BOS ids are kept, so they
    make parsing fail. Any exception while parsing gives None. An id outside
    the vocabulary raises UnknownTokenError, as the original's lookup happened
    outside its try block.
    """
    tokens = ids_to_tokens(_strip_special(ids, drop_bos=False), config)
    try:
        return Program.from_tokens(tokens, config)
    except Exception:
        return None


def _strip_special(ids: Iterable[int], drop_bos: bool) -> list[int]:
    return [i for i in ids if i > 0 and i != EOS_ID and not (drop_bos and i == BOS_ID)]


@functools.cache
def _id_to_token_dict(config: DeepCoderConfig) -> dict[int, str]:
    # A dict (not list indexing) so numpy integers work and negatives do not
    # wrap around.
    return dict(enumerate(get_vocabulary(config).id_to_token))


def _lookup_fails(table: dict[int, str], key: object) -> bool:
    try:
        table[key]
    except (KeyError, TypeError):
        return True
    return False


def vocab_size(config: DeepCoderConfig = DEFAULT_CONFIG) -> int:
    """Returns the number of tokens (153 by default)."""
    return len(get_vocabulary(config))
