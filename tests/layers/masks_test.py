"""Tests of the attention-mask helpers."""

import numpy as np

from exedec_tf.layers.masks import causal_mask, padding_mask
from tests.test_case import TestCase


class MasksTest(TestCase):
    def test_padding_mask(self):
        q = np.array([[3, 0, 4]])
        k = np.array([[0, 5]])
        got = padding_mask(q, k)
        self.assertEqual(tuple(got.shape), (1, 1, 3, 2))
        self.assertAllEqual(got[0, 0], [[False, True], [False, False], [False, True]])

    def test_padding_mask_extra_batch_dims(self):
        tokens = np.ones((2, 3, 4), "int32")
        self.assertEqual(tuple(padding_mask(tokens, tokens).shape), (2, 3, 1, 4, 4))

    def test_causal_mask(self):
        self.assertAllEqual(causal_mask(3)[0], np.tril(np.ones((3, 3), bool)))
