"""Random input strings of a RobustFill task (splits spec §5.4).

Inputs are built from 3-5 "tokens": a delimiter repeated k times in every
example, or k random strings of one regex Type per example. The counts of
delimiters and Types seen are returned because the expression samplers draw
their arguments (and valid match indices) from them.
"""

import string

from exedec_tf.dsl.robustfill import DELIMITER, Type
from exedec_tf.generation.robustfill.draws import Draws

MAX_K = 3
MAX_INPUT_TOKENS = 5
MAX_TOKEN_LENGTH = 4

TYPES = tuple(Type)
_NUM_DELIMITERS = len(DELIMITER)

# Characters drawn after the leading delimiter of a typed string, per Type.
# DIGIT strings are multi-digit like NUMBER, and CHAR strings alphanumeric:
# the original sampled them that way.
_ALPHABET = {
    Type.NUMBER: string.digits,
    Type.DIGIT: string.digits,
    Type.WORD: string.ascii_letters,
    Type.ALPHANUM: string.ascii_letters + string.digits,
    Type.CHAR: string.ascii_letters + string.digits,
    Type.ALL_CAPS: string.ascii_uppercase,
    Type.LOWER: string.ascii_lowercase,
    Type.PROP_CASE: string.ascii_lowercase,
}
_UPPER = string.ascii_uppercase
_NUM_UPPER = len(_UPPER)
_UPPER_BITS = _NUM_UPPER.bit_length()
_DELIMITER_BITS = _NUM_DELIMITERS.bit_length()


def _string_spec(type_: Type) -> tuple:
    # (maximum length, its bit count, draw a capital first?, body alphabet,
    # its size and bit count). PROP_CASE is one capital and 1..3 lower-case
    # letters, every other Type 1..4 characters of its alphabet.
    max_length = MAX_TOKEN_LENGTH - 1 if type_ is Type.PROP_CASE else MAX_TOKEN_LENGTH
    alphabet = _ALPHABET[type_]
    return (
        max_length,
        max_length.bit_length(),
        type_ is Type.PROP_CASE,
        alphabet,
        len(alphabet),
        len(alphabet).bit_length(),
    )


_NUM_TYPES = len(TYPES)
_TYPE_BITS = _NUM_TYPES.bit_length()

# _SHUFFLE_DRAWS[n]: (i, i + 1, (i + 1).bit_length()) for i = n - 1, ..., 1,
# the swaps of `shuffle` on n items; grown on demand.
_SHUFFLE_DRAWS: list[tuple[tuple[int, int, int], ...]] = []


def _shuffle_draws(n: int) -> tuple[tuple[int, int, int], ...]:
    while len(_SHUFFLE_DRAWS) <= n:
        m = len(_SHUFFLE_DRAWS)
        _SHUFFLE_DRAWS.append(
            tuple((i, i + 1, (i + 1).bit_length()) for i in range(m - 1, 0, -1))
        )
    return _SHUFFLE_DRAWS[n]


_shuffle_draws(64)

# Indexed like TYPES, so the sampler needs no enum hashing (a Python-level
# call for Enum members).
_STRING_SPECS = tuple(_string_spec(t) for t in TYPES)


def _type_strings(
    getrandbits, spec: tuple, count: int, delimiter_counts: dict[str, int]
) -> list[str]:
    """`count` consecutive `sample_type_string` results for one Type.

    Each string's leading delimiter is also counted in `delimiter_counts`, in
    draw order (the order matters for new keys).
    """
    # Every `choice`/`randint` below is the stdlib's rejection loop on
    # getrandbits, inlined: this is the hottest code of input sampling.
    max_length, length_bits, capital, alphabet, size, bits = spec
    strings = []
    for _ in range(count):
        length = getrandbits(length_bits)
        while length >= max_length:
            length = getrandbits(length_bits)
        r = getrandbits(_DELIMITER_BITS)
        while r >= _NUM_DELIMITERS:
            r = getrandbits(_DELIMITER_BITS)
        s = DELIMITER[r]
        delimiter_counts[s] = delimiter_counts.get(s, 0) + 1
        if capital:
            r = getrandbits(_UPPER_BITS)
            while r >= _NUM_UPPER:
                r = getrandbits(_UPPER_BITS)
            s += _UPPER[r]
        r = getrandbits(bits)
        while r >= size:
            r = getrandbits(bits)
        s += alphabet[r]
        for _ in range(length):
            r = getrandbits(bits)
            while r >= size:
                r = getrandbits(bits)
            s += alphabet[r]
        strings.append(s)
    return strings


def sample_type_string(draws: Draws, type_: Type) -> str:
    """A random string of `type_`, led by a random delimiter.

    RNG order: length, delimiter, then the characters (PROP_CASE: length in
    1..3, delimiter, one capital, `length` lower-case letters; all other Types:
    length in 1..4, delimiter, `length` characters of the Type's alphabet).
    """
    if type(type_) is not Type:
        raise ValueError(f"unsupported type {type_!r}")
    spec = _STRING_SPECS[TYPES.index(type_)]
    return _type_strings(draws.getrandbits, spec, 1, {})[0]


def sample_inputs(
    draws: Draws,
    num_examples: int,
    max_input_tokens: int = MAX_INPUT_TOKENS,
    max_k: int = MAX_K,
    max_input_length: int = 20,
) -> tuple[list[str], dict[str, int], dict[Type, int]]:
    """Samples the input strings of one task and the counters the samplers need.

    Args:
      draws: the generator's draws.
      num_examples: how many input strings (one per example).
      max_input_tokens: at most this many tokens (at least 3 are drawn).
      max_k: at most this many repeats of a token.
      max_input_length: inputs are cut to this many characters; drawing stops
        early once an example is this long.

    Returns:
      inputs: one string per example, 1..max_input_length characters.
      delimiter_counts: insertion-ordered delimiter -> count. A delimiter token
        adds its repeat count once; each typed string adds 1 for its leading
        delimiter (so once per example).
      type_counts: insertion-ordered Type -> repeat count, with CHAR set to the
        longest input's length (keeping CHAR's key position if it was drawn).

    Raises:
      ValueError: an input came out empty or too long (cannot happen with
        max_input_tokens >= 3, kept as the original's guard).
    """
    delimiter_counts: dict[str, int] = {}
    type_counts: dict[Type, int] = {}
    pieces: list[list[str]] = [[] for _ in range(num_examples)]
    lengths = [0] * num_examples
    # The randint/choice draws are the stdlib's rejection loops, inlined.
    getrandbits = draws.getrandbits
    k_bits = max_k.bit_length()
    num_tokens = draws.randint(3, max_input_tokens)
    for _ in range(num_tokens):
        coin = getrandbits(2)  # randint(1, 3) == 1
        while coin >= 3:
            coin = getrandbits(2)
        if coin == 0:
            r = getrandbits(_DELIMITER_BITS)
            while r >= _NUM_DELIMITERS:
                r = getrandbits(_DELIMITER_BITS)
            delimiter = DELIMITER[r]
            k = getrandbits(k_bits)  # randint(1, max_k)
            while k >= max_k:
                k = getrandbits(k_bits)
            k += 1
            delimiter_counts[delimiter] = delimiter_counts.get(delimiter, 0) + k
            repeated = [delimiter] * k
            for example in pieces:
                example += repeated
            lengths = [n + k for n in lengths]
        else:
            t = getrandbits(_TYPE_BITS)
            while t >= _NUM_TYPES:
                t = getrandbits(_TYPE_BITS)
            type_ = TYPES[t]
            k = getrandbits(k_bits)  # randint(1, max_k)
            while k >= max_k:
                k = getrandbits(k_bits)
            k += 1
            type_counts[type_] = type_counts.get(type_, 0) + k
            # Drawn repeat-major, example-minor: string r * n + j goes to
            # example j.
            strings = _type_strings(
                getrandbits, _STRING_SPECS[t], k * num_examples, delimiter_counts
            )
            for j, example in enumerate(pieces):
                mine = strings[j::num_examples]
                example += mine
                lengths[j] += sum(map(len, mine))
        if max(lengths) >= max_input_length:
            break
    inputs = []
    for example in pieces:
        # shuffle(example): Fisher-Yates from the end, inlined.
        for i, n, bits in _shuffle_draws(len(example)):
            j = getrandbits(bits)
            while j >= n:
                j = getrandbits(bits)
            example[i], example[j] = example[j], example[i]
        inputs.append("".join(example)[:max_input_length])
    # Every character is a CHAR match, so the longest input bounds its index.
    type_counts[Type.CHAR] = max(map(len, inputs))
    if not all(0 < len(value) <= max_input_length for value in inputs):
        raise ValueError(f"sampled inputs with a bad length: {inputs!r}")
    return inputs, delimiter_counts, type_counts
