"""Result transfer out of the sandbox."""

import math

from exedec_tf.llm import values


def test_round_trip_of_plain_values():
    results = [None, True, 3, -2.5, "s'\"", [1, [2, (3, "x")]], (), []]
    assert values.loads(values.dumps(results)) == results
    decoded = values.loads(values.dumps([(1, 2)]))
    assert type(decoded[0]) is tuple and decoded[0] != [1, 2]
    assert values.loads(values.dumps(None)) is None


def test_special_floats():
    inf, nan = values.loads(values.dumps([float("inf"), float("nan")]))
    assert inf == float("inf") and math.isnan(nan)


def test_other_types_are_opaque_and_equal_nothing():
    class Sneaky:
        def __eq__(self, other):
            return True

    out = values.loads(values.dumps([{1: 2}, {1}, Sneaky(), 10**5000, b"x"]))
    assert all(isinstance(v, values.Opaque) for v in out)
    assert all(v != v and v != 1 and v != [] for v in out)


def test_bool_stays_bool():
    (value,) = values.loads(values.dumps([True]))
    assert value is True and value == 1
