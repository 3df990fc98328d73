"""LayerNorm computed as the original's Flax LayerNorm (models.md §3.1)."""

import keras
from keras import ops

# The original's epsilon; Keras' LayerNormalization defaults to 1e-3.
LAYER_NORM_EPSILON = 1e-6


@keras.saving.register_keras_serializable(package="exedec_tf")
class LayerNorm(keras.layers.Layer):
    """Normalises over the last axis with Flax's formula and parameter names.

    `y = (x - mean) * rsqrt(var + epsilon) * scale + bias`, with
    `var = max(0, mean(x^2) - mean(x)^2)`, the original's formula (Keras'
    LayerNormalization takes the mean of squared deviations, which rounds
    differently when |mean| >> std). The weights are named as in Flax:
    `scale [D]` (init 1) and `bias [D]` (init 0).

    Args:
      epsilon: added to the variance.
      **kwargs: standard `keras.layers.Layer` arguments.

    Call arguments:
      inputs: float `[..., D]`.

    Returns:
      float `[..., D]`.

    Example:

    >>> LayerNorm(name="LayerNorm_0")(keras.ops.ones((2, 5, 16))).shape
    TensorShape([2, 5, 16])
    """

    def __init__(self, epsilon: float = LAYER_NORM_EPSILON, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = epsilon

    def build(self, inputs_shape):
        width = (inputs_shape[-1],)
        self.scale = self.add_weight(shape=width, initializer="ones", name="scale")
        self.bias = self.add_weight(shape=width, initializer="zeros", name="bias")

    def call(self, inputs):
        mean = ops.mean(inputs, axis=-1, keepdims=True)
        mean_square = ops.mean(ops.square(inputs), axis=-1, keepdims=True)
        variance = ops.maximum(mean_square - ops.square(mean), 0.0)
        multiplier = ops.rsqrt(variance + self.epsilon) * self.scale
        return (inputs - mean) * multiplier + self.bias

    def compute_output_shape(self, inputs_shape):
        return tuple(inputs_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"epsilon": self.epsilon})
        return config
