"""Tests of the fast match selection against the literal definitions."""

import itertools
import random

import pytest

from exedec_tf.dsl.robustfill import scan
from exedec_tf.dsl.robustfill.constants import DELIMITER, Boundary, Type
from exedec_tf.dsl.robustfill.matching import span_position
from exedec_tf.dsl.robustfill.substrings import GetToken

ALPHABET = "aAbB01 .(Cc"
TOKENS = [*Type, " ", ".", "(", "&"]
INDICES = [-6, -5, -3, -2, -1, 0, 1, 2, 3, 5, 6, 100, -100]


def _strings(rng, count):
    yield from ["", "a", " ", "AbCd", "ABcdEf", "aB1 .cD"]
    for _ in range(count):
        yield "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14)))


def test_position_fn_matches_literal_definition():
    rng = random.Random(7)
    values = list(_strings(rng, 300))
    for token, index, start in itertools.product(TOKENS, INDICES, (True, False)):
        fast = scan.position_fn(token, index, start)
        bound = Boundary.START if start else Boundary.END
        for value in values:
            expected = span_position(token, index, bound, value)
            assert fast(value) == expected, (token, index, start, value)


def test_token_fn_matches_literal_definition():
    rng = random.Random(8)
    values = list(_strings(rng, 300))
    for regex_type, index in itertools.product(Type, INDICES):
        fast = scan.token_fn(regex_type, index)
        literal = GetToken(regex_type, index)._generic
        for value in values:
            assert fast(value) == literal(value), (regex_type, index, value)


@pytest.mark.parametrize("delimiter", DELIMITER)
def test_every_delimiter(delimiter):
    value = f"a{delimiter}b{delimiter}{delimiter}c"
    for index in (-4, -3, -1, 1, 2, 4, 0):
        for bound in Boundary:
            fast = scan.position_fn(delimiter, index, bound is Boundary.START)
            assert fast(value) == span_position(delimiter, index, bound, value)
