"""Tests of exedec_tf.training.schedule against the original's table."""

import numpy as np
import pytest

from exedec_tf.training.schedule import WarmupRsqrtSchedule


@pytest.mark.parametrize(
    "step, expected",
    [
        (0, 0.0),
        (1, 1.25e-8),
        (1000, 1.25e-5),
        (8000, 1.0e-4),
        (16000, 2.0e-4),
        (32000, 1.41421e-4),
        (64000, 1.0e-4),
        (100000, 8.0e-5),
        (250000, 5.05964e-5),
        (499999, 3.57771e-5),
    ],
)
def test_matches_original_values(step, expected):
    value = float(WarmupRsqrtSchedule()(step))
    np.testing.assert_allclose(value, expected, rtol=1e-5, atol=1e-12)


def test_config_round_trip():
    schedule = WarmupRsqrtSchedule(1e-3, 10)
    again = WarmupRsqrtSchedule.from_config(schedule.get_config())
    assert float(again(5)) == pytest.approx(5e-4)


@pytest.mark.parametrize("args", [(0.0, 10), (1e-3, 0)])
def test_bad_arguments(args):
    with pytest.raises(ValueError):
        WarmupRsqrtSchedule(*args)
