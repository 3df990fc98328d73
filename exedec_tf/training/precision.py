"""The compute dtype of a training run (`TrainConfig.mixed_precision`).

"float32" keeps the original's numerics. "bfloat16" builds the model under
Keras's "mixed_bfloat16" policy: variables, optimizer state, attention
softmax and the loss stay float32, matmuls and activations run in bfloat16
(no loss scaling is needed: bfloat16 has float32's exponent range).
"""

import contextlib

import keras

# Keras dtype policy of each `TrainConfig.mixed_precision` value.
POLICIES = {"float32": "float32", "bfloat16": "mixed_bfloat16"}


@contextlib.contextmanager
def dtype_policy(mixed_precision: str):
    """Layers made inside take the policy of `mixed_precision`.

    Keras reads its global policy when a layer is constructed, so the model
    must be created inside; the previous global policy is restored after.

    Raises:
      ValueError: an unknown `mixed_precision`.
    """
    if mixed_precision not in POLICIES:
        raise ValueError(
            f"mixed_precision must be one of {sorted(POLICIES)}, got "
            f"{mixed_precision!r}"
        )
    previous = keras.config.dtype_policy()
    keras.config.set_dtype_policy(POLICIES[mixed_precision])
    try:
        yield
    finally:
        keras.config.set_dtype_policy(previous)
