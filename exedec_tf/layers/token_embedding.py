"""A plain embedding lookup table with the original's name and initialiser."""

import keras

from exedec_tf.layers import initializers


@keras.saving.register_keras_serializable(package="exedec_tf")
class TokenEmbedding(keras.layers.Layer):
    """Lookup table `[input_dim, output_dim]`, initialised N(0, 1), not scaled.

    The single weight is named `embedding`, as in Flax's `nn.Embed`, so a
    layer named `embed` holds the variable `embed/embedding`. The same class
    serves the token embeddings and the relative-position bias tables
    (`Embed_0`, `[num_buckets, num_heads]`).

    Ids must lie in `[0, input_dim)`; out-of-range ids are an error in eager
    TensorFlow on CPU and are clamped under XLA, so they are not checked here.

    Args:
      input_dim: number of rows (vocabulary size or number of buckets).
      output_dim: width of a row.
      **kwargs: standard `keras.layers.Layer` arguments (`name`, ...).

    Call arguments:
      ids: integer tensor of any shape.

    Returns:
      float tensor `ids.shape + [output_dim]`.

    Example:

    >>> embed = TokenEmbedding(87, 512, name="embed")
    >>> embed(keras.ops.zeros((2, 4, 200), "int32")).shape
    TensorShape([2, 4, 200, 512])
    """

    def __init__(self, input_dim: int, output_dim: int, **kwargs):
        super().__init__(**kwargs)
        self.input_dim = input_dim
        self.output_dim = output_dim

    def build(self, ids_shape=None):
        self.embedding = self.add_weight(
            shape=(self.input_dim, self.output_dim),
            initializer=initializers.embedding_init(),
            name="embedding",
        )

    def call(self, ids):
        # The original casts ids to int32 before the lookup.
        return keras.ops.take(self.embedding, keras.ops.cast(ids, "int32"), axis=0)

    def compute_output_shape(self, ids_shape):
        return tuple(ids_shape) + (self.output_dim,)

    def get_config(self):
        config = super().get_config()
        config.update({"input_dim": self.input_dim, "output_dim": self.output_dim})
        return config
