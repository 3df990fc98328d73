"""Tests of exedec_tf.training.optimizer."""

import numpy as np
import pytest

from exedec_tf.training.optimizer import make_optimizer
from exedec_tf.training.schedule import WarmupRsqrtSchedule


def test_the_original_adam_settings():
    optimizer = make_optimizer(1e-3, 100, 0.1)
    assert (optimizer.beta_1, optimizer.beta_2, optimizer.epsilon) == (
        0.9,
        0.98,
        1e-9,
    )
    assert optimizer.weight_decay == 0.1
    schedule = optimizer._learning_rate
    assert isinstance(schedule, WarmupRsqrtSchedule)
    assert (schedule.base_learning_rate, schedule.warmup_steps) == (1e-3, 100)
    np.testing.assert_allclose(float(schedule(100)), 1e-3, rtol=1e-6)


def test_negative_weight_decay_is_named():
    with pytest.raises(ValueError, match="weight_decay must be >= 0, got -1"):
        make_optimizer(weight_decay=-1)
