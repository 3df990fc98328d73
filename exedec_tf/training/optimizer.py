"""The original optimiser: Adam with decoupled, learning-rate-scaled weight decay."""

import keras

from exedec_tf.training.schedule import WarmupRsqrtSchedule


def make_optimizer(
    base_learning_rate: float = 2e-4,
    warmup_steps: int = 16000,
    weight_decay: float = 0.1,
) -> keras.optimizers.AdamW:
    """AdamW(beta_1=0.9, beta_2=0.98, epsilon=1e-9) on the warmup/rsqrt schedule.

    Keras' AdamW subtracts `lr · weight_decay · p` from every parameter, as
    Flax's optim.Adam did (embeddings, biases and LayerNorm parameters
    included). Only epsilon's placement differs (numerically negligible; see
    shared/spec/training.md §6).
    """
    if weight_decay < 0:
        raise ValueError(f"weight_decay must be >= 0, got {weight_decay}")
    return keras.optimizers.AdamW(
        learning_rate=WarmupRsqrtSchedule(base_learning_rate, warmup_steps),
        weight_decay=weight_decay,
        beta_1=0.9,
        beta_2=0.98,
        epsilon=1e-9,
    )
