"""Shared test harness for Keras layers and models.

`TestCase.run_layer_test` checks, in one declarative call, the Keras layer
contract every layer of this project keeps: the output shape, the weight
count, a `get_config` / `from_config` round trip that computes the same
function, agreement of eager and XLA-compiled calls, and a training-mode
call whose loss has a gradient for every trainable weight.
"""

import keras
import numpy as np
import tensorflow as tf
from absl.testing import parameterized


def seeded(seed: int = 0) -> np.random.Generator:
    """Seeds Keras/TF/NumPy/Python and returns a NumPy generator."""
    keras.utils.set_random_seed(seed)
    return np.random.default_rng(seed)


class TestCase(tf.test.TestCase, parameterized.TestCase):
    """Base class of the layer and model tests."""

    # tf.test.TestCase's deprecated `test_session` helper is not a test; this
    # stops pytest from collecting (and skipping) it in every class.
    test_session = None

    def run_layer_test(
        self,
        cls,
        init_kwargs: dict,
        args: tuple,
        call_kwargs: dict | None = None,
        expected_output_shape: tuple | None = None,
        expected_num_trainable_weights: int | None = None,
        expected_num_params: int | None = None,
        run_jit: bool = True,
        run_training: bool = True,
        atol: float = 1e-5,
    ):
        """Runs the standard checks on a layer class.

        Args:
          cls: the layer class.
          init_kwargs: constructor arguments.
          args: positional call arguments (tensors).
          call_kwargs: keyword call arguments other than `training`.
          expected_output_shape: shape of the (single) output, if given.
          expected_num_trainable_weights: number of trainable variables.
          expected_num_params: total number of weight elements.
          run_jit: compare eager and `tf.function(jit_compile=True)` calls.
          run_training: call with `training=True` and take gradients.
          atol: tolerance of the output comparisons.

        Returns:
          The layer (built) and its eager inference output.
        """
        call_kwargs = dict(call_kwargs or {})
        layer = cls(**init_kwargs)
        output = layer(*args, **call_kwargs, training=False)
        if expected_output_shape is not None:
            self.assertEqual(tuple(output.shape), tuple(expected_output_shape))
        if expected_num_trainable_weights is not None:
            self.assertLen(layer.trainable_weights, expected_num_trainable_weights)
        if expected_num_params is not None:
            self.assertEqual(layer.count_params(), expected_num_params)

        # Config round trip: same config, and the same function once the
        # weights are copied over.
        config = layer.get_config()
        clone = cls.from_config(config)
        self.assertEqual(clone.get_config(), config)
        clone(*args, **call_kwargs, training=False)
        clone.set_weights(layer.get_weights())
        self.assertAllClose(
            clone(*args, **call_kwargs, training=False), output, atol=atol
        )

        if run_jit:
            compiled = tf.function(
                lambda *a: layer(*a, **call_kwargs, training=False),
                jit_compile=True,
            )
            self.assertAllClose(compiled(*args), output, atol=atol)

        if run_training:
            with tf.GradientTape() as tape:
                trained = layer(*args, **call_kwargs, training=True)
                loss = tf.reduce_sum(tf.square(trained))
            self.assertEqual(tuple(trained.shape), tuple(output.shape))
            grads = tape.gradient(loss, layer.trainable_weights)
            for weight, grad in zip(layer.trainable_weights, grads, strict=True):
                self.assertIsNotNone(grad, f"no gradient for {weight.path}")
        return layer, output
