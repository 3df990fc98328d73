"""The position-wise feed-forward block of every ExeDec Transformer block."""

import keras

from exedec_tf.layers import initializers


@keras.saving.register_keras_serializable(package="exedec_tf")
class MLPBlock(keras.layers.Layer):
    """Dense(F) -> tanh-GELU -> Dropout -> Dense(D) -> Dropout (models.md §3.3).

    The output width equals the input width. Both Dense layers have biases
    initialised N(0, 1e-6); the sublayers are named `Dense_0` and `Dense_1`
    as in Flax, so the variables are `Dense_0/kernel [D, F]`,
    `Dense_0/bias [F]`, `Dense_1/kernel [F, D]` and `Dense_1/bias [D]`.

    Args:
      mlp_dim: hidden width F.
      dropout_rate: rate of both dropouts.
      **kwargs: standard `keras.layers.Layer` arguments.

    Call arguments:
      inputs: float `[..., D]`.
      training: whether dropout is applied.

    Returns:
      float `[..., D]`.

    Example:

    >>> MLPBlock(mlp_dim=1024)(keras.ops.ones((2, 7, 512))).shape
    TensorShape([2, 7, 512])
    """

    def __init__(self, mlp_dim: int, dropout_rate: float = 0.0, **kwargs):
        super().__init__(**kwargs)
        self.mlp_dim = mlp_dim
        self.dropout_rate = dropout_rate
        self.hidden_dropout = keras.layers.Dropout(dropout_rate)
        self.output_dropout = keras.layers.Dropout(dropout_rate)

    def build(self, inputs_shape):
        self.hidden_dense = keras.layers.Dense(
            self.mlp_dim,
            kernel_initializer=initializers.kernel_init(),
            bias_initializer=initializers.bias_init(),
            name="Dense_0",
        )
        self.output_dense = keras.layers.Dense(
            inputs_shape[-1],
            kernel_initializer=initializers.kernel_init(),
            bias_initializer=initializers.bias_init(),
            name="Dense_1",
        )
        self.hidden_dense.build(inputs_shape)
        self.output_dense.build(tuple(inputs_shape[:-1]) + (self.mlp_dim,))

    def call(self, inputs, training=None):
        x = self.hidden_dense(inputs)  # [..., F]
        # Flax's gelu is the tanh approximation; Keras defaults to erf.
        x = keras.activations.gelu(x, approximate=True)
        x = self.hidden_dropout(x, training=training)
        x = self.output_dense(x)  # [..., D]
        return self.output_dropout(x, training=training)

    def compute_output_shape(self, inputs_shape):
        return tuple(inputs_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"mlp_dim": self.mlp_dim, "dropout_rate": self.dropout_rate})
        return config
