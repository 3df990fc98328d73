"""Initializers with Flax's defaults, as the original ExeDec models use them.

Keras and Flax disagree on the Glorot fans of kernels with more than two
axes: Flax initialises a `[D, H, dh]` attention kernel as the 2-D `[D, H*dh]`
matrix and reshapes, while Keras treats leading axes as a receptive field.
`FlattenedGlorotUniform` does what Flax does.

Keras random initializers draw the same values on every call when given a
fixed seed, so a fresh instance is needed for each weight; the `*_init()`
factories below return one.
"""

import math

import keras


@keras.saving.register_keras_serializable(package="exedec_tf")
class FlattenedGlorotUniform(keras.initializers.Initializer):
    """Glorot uniform on the kernel flattened to 2-D, as Flax's DenseGeneral.

    The limit is `sqrt(6 / (fan_in + fan_out))` with `fan_in` the product of
    the first `num_input_axes` dimensions and `fan_out` the product of the
    rest.

    Args:
      num_input_axes: how many leading axes are contracted with the input.
      seed: optional int seed, as for Keras random initializers.

    Example:

    >>> init = FlattenedGlorotUniform(num_input_axes=1, seed=0)
    >>> init((512, 4, 128)).shape  # limit sqrt(6 / (512 + 512))
    TensorShape([512, 4, 128])
    """

    def __init__(self, num_input_axes: int = 1, seed: int | None = None):
        if num_input_axes < 1:
            raise ValueError(f"num_input_axes must be >= 1, got {num_input_axes}")
        self.num_input_axes = num_input_axes
        self.seed = seed
        self._flat = keras.initializers.GlorotUniform(seed=seed)

    def __call__(self, shape, dtype=None):
        shape = tuple(int(d) for d in shape)
        if len(shape) <= self.num_input_axes:
            raise ValueError(
                f"kernel shape {shape} needs more than {self.num_input_axes} axes"
            )
        fan_in = math.prod(shape[: self.num_input_axes])
        fan_out = math.prod(shape[self.num_input_axes :])
        flat = self._flat((fan_in, fan_out), dtype=dtype)
        return keras.ops.reshape(flat, shape)

    def get_config(self):
        return {"num_input_axes": self.num_input_axes, "seed": self.seed}


def kernel_init(num_input_axes: int = 1) -> keras.initializers.Initializer:
    """A new Flax-default kernel initializer (Glorot uniform on 2-D fans)."""
    return FlattenedGlorotUniform(num_input_axes=num_input_axes)


def bias_init() -> keras.initializers.Initializer:
    """A new Flax-default bias initializer of the original: N(0, 1e-6)."""
    return keras.initializers.RandomNormal(mean=0.0, stddev=1e-6)


def embedding_init() -> keras.initializers.Initializer:
    """A new embedding (and relative-bias table) initializer: N(0, 1)."""
    return keras.initializers.RandomNormal(mean=0.0, stddev=1.0)
