"""Variable tokens `x0` ... `x9` of the DeepCoder DSL."""

import functools
import re

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.errors import ParseError

# `\d` (not [0-9]) and no normalisation of leading zeros: the original accepts
# `x01` as a legal name distinct from `x1`, and so must we.
_VARIABLE_RE = re.compile(r"x\d+")


def variable_token(index: int) -> str:
    """Returns the variable token with the given index, e.g. 3 -> 'x3'."""
    return f"x{index}"


@functools.cache
def all_variables(config: DeepCoderConfig = DEFAULT_CONFIG) -> tuple[str, ...]:
    """Returns the canonical variable tokens x0 ... x{num_variables-1}, in order."""
    return tuple(variable_token(i) for i in range(config.num_variables))


@functools.cache
def _cached_variable_set(config: DeepCoderConfig) -> frozenset[str]:
    return frozenset(all_variables(config))


_DEFAULT_VARIABLE_SET = _cached_variable_set(DEFAULT_CONFIG)


def canonical_variable_set(
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> frozenset[str]:
    """Returns the set of canonical variable tokens (`x0` ... ) for `config`."""
    # Hashing the config for the cache costs more than the rest of a variable
    # check, and parsing checks many variables.
    if config is DEFAULT_CONFIG:
        return _DEFAULT_VARIABLE_SET
    return _cached_variable_set(config)


def variable_index_from_token(
    token: str, config: DeepCoderConfig = DEFAULT_CONFIG
) -> int:
    """Returns the index of a variable token; raises ParseError if it is not one.

    The token must fully match `x<digits>` with the number in
    [0, num_variables). Non-canonical spellings such as `x01` are accepted.
    """
    if not _VARIABLE_RE.fullmatch(token):
        raise ParseError(f"invalid variable token: {token!r}")
    index = int(token[1:])
    if index >= config.num_variables:
        raise ParseError(f"variable token has out-of-bounds index: {token!r}")
    return index


def check_variable_token(token: str, config: DeepCoderConfig = DEFAULT_CONFIG) -> None:
    """Raises ParseError unless `token` is a valid variable token."""
    # Set membership first: the regex is only needed for odd spellings.
    if token not in canonical_variable_set(config):
        variable_index_from_token(token, config)


def is_variable_token(token: str, config: DeepCoderConfig = DEFAULT_CONFIG) -> bool:
    """Returns whether `token` is a valid variable token."""
    try:
        check_variable_token(token, config)
    except ParseError:
        return False
    return True
