"""The original learning-rate schedule: linear warmup, then inverse square root."""

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="exedec_tf")
class WarmupRsqrtSchedule(keras.optimizers.schedules.LearningRateSchedule):
    """`lr(k) = base · min(1, k / warmup) · sqrt(warmup) / sqrt(max(k, warmup))`.

    `k` is the 0-based update count, so the first update uses lr 0 (as in the
    original, where it only moves the Adam moments).

    Args:
      base_learning_rate: the peak rate (paper: 2e-4).
      warmup_steps: length of the linear warmup (the original hard-codes 16000).
    """

    def __init__(self, base_learning_rate: float = 2e-4, warmup_steps: int = 16000):
        if base_learning_rate <= 0:
            raise ValueError(
                f"base_learning_rate must be > 0, got {base_learning_rate}"
            )
        if warmup_steps < 1:
            raise ValueError(f"warmup_steps must be >= 1, got {warmup_steps}")
        self.base_learning_rate = float(base_learning_rate)
        self.warmup_steps = int(warmup_steps)

    def __call__(self, step):
        k = ops.cast(step, "float32")
        warmup = float(self.warmup_steps)
        ramp = ops.minimum(1.0, k / warmup)
        decay = ops.sqrt(warmup) / ops.sqrt(ops.maximum(k, warmup))
        return self.base_learning_rate * ramp * decay

    def get_config(self):
        return {
            "base_learning_rate": self.base_learning_rate,
            "warmup_steps": self.warmup_steps,
        }
