"""Tests of exedec_tf.training.metrics."""

import numpy as np
import tensorflow as tf

from exedec_tf.training.metrics import SequenceAccuracy, TokenAccuracy


def _logits(predicted, vocab=6):
    return tf.one_hot(predicted, vocab) * 10.0


def test_accuracies_ignore_padding():
    targets = tf.constant([[3, 4, 2, 0], [5, 2, 0, 0]])
    predicted = tf.constant([[3, 4, 2, 5], [5, 1, 0, 0]])  # row 0 right, row 1 wrong
    token, seq = TokenAccuracy(), SequenceAccuracy()
    token.update_state(targets, _logits(predicted))
    seq.update_state(targets, _logits(predicted))
    np.testing.assert_allclose(float(token.result()), 4 / 5)
    np.testing.assert_allclose(float(seq.result()), 1 / 2)
    token.reset_state()
    assert float(token.result()) == 0.0
