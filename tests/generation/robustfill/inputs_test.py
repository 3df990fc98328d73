"""Input sampling (splits spec §5.4)."""

import random
import string

import pytest

from exedec_tf.dsl.robustfill import CHARACTER, DELIMITER, Type
from exedec_tf.generation.robustfill.draws import Draws
from exedec_tf.generation.robustfill.inputs import sample_inputs, sample_type_string
from tests.generation.robustfill import reference


@pytest.mark.parametrize("type_", list(Type))
def test_type_string_draws_like_the_spec(type_):
    expected, actual = random.Random(3), random.Random(3)
    draws = Draws(actual)
    for _ in range(300):
        s = sample_type_string(draws, type_)
        assert s == reference.type_string(expected, type_)
        assert s[0] in DELIMITER
        if type_ is Type.PROP_CASE:
            assert s[1] in string.ascii_uppercase
            assert 1 <= len(s) - 2 <= 3 and set(s[2:]) <= set(string.ascii_lowercase)
        else:
            assert 1 <= len(s) - 1 <= 4
    assert actual.getstate() == expected.getstate()


def test_type_string_alphabets():
    draws = Draws(random.Random(0))
    bodies = {
        t: "".join(sample_type_string(draws, t)[1:] for _ in range(400)) for t in Type
    }
    assert set(bodies[Type.NUMBER]) == set(bodies[Type.DIGIT]) == set(string.digits)
    assert set(bodies[Type.WORD]) == set(string.ascii_letters)
    alphanumeric = set(string.ascii_letters + string.digits)
    assert set(bodies[Type.ALPHANUM]) == set(bodies[Type.CHAR]) == alphanumeric
    assert set(bodies[Type.ALL_CAPS]) == set(string.ascii_uppercase)
    assert set(bodies[Type.LOWER]) == set(string.ascii_lowercase)


def test_type_string_rejects_non_types():
    with pytest.raises(ValueError, match="unsupported type"):
        sample_type_string(Draws(random.Random(0)), "WORD")


@pytest.mark.parametrize("num_examples, max_length", [(4, 20), (1, 20), (3, 5), (6, 1)])
def test_inputs_draw_like_the_spec(num_examples, max_length):
    for seed in range(200):
        expected, actual = random.Random(seed), random.Random(seed)
        values, delimiters, types = sample_inputs(
            Draws(actual), num_examples, max_input_length=max_length
        )
        want = reference.inputs(expected, num_examples, max_length)
        # Counter key order matters: samplers choose among the keys in order.
        assert (values, list(delimiters.items()), list(types.items())) == (
            want[0],
            list(want[1].items()),
            list(want[2].items()),
        )
        assert actual.getstate() == expected.getstate()


def test_input_properties():
    draws = Draws(random.Random(1))
    saw_char_drawn = saw_char_appended = False
    for _ in range(500):
        values, delimiters, types = sample_inputs(draws, 4)
        assert len(values) == 4
        assert all(1 <= len(v) <= 20 and set(v) <= set(CHARACTER) for v in values)
        assert types[Type.CHAR] == max(map(len, values))
        assert delimiters and all(
            d in DELIMITER and c >= 1 for d, c in delimiters.items()
        )
        assert all(c >= 1 for c in types.values())
        if list(types)[-1] is Type.CHAR:
            saw_char_appended = True
        else:
            saw_char_drawn = True  # CHAR keeps the position where it was drawn.
    assert saw_char_drawn and saw_char_appended
