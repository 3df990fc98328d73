"""Tests of TokenEmbedding."""

import numpy as np

from exedec_tf.layers.token_embedding import TokenEmbedding
from tests.test_case import TestCase, seeded


class TokenEmbeddingTest(TestCase):
    def test_layer_contract(self):
        ids = seeded(0).integers(0, 11, (2, 3, 4)).astype("int32")
        self.run_layer_test(
            TokenEmbedding,
            dict(input_dim=11, output_dim=5),
            args=(ids,),
            expected_output_shape=(2, 3, 4, 5),
            expected_num_params=55,
            run_training=False,  # int inputs: nothing to check beyond lookup
        )

    def test_lookup_name_and_init(self):
        seeded(1)
        embed = TokenEmbedding(400, 64, name="embed")
        ids = np.array([[0, 5, 399]], "int64")
        out = np.asarray(embed(ids))
        table = embed.embedding.numpy()
        self.assertEqual(embed.embedding.path, "embed/embedding")
        self.assertAllEqual(out[0], table[[0, 5, 399]])
        # N(0, 1) and not scaled by sqrt(D).
        self.assertBetween(table.std(), 0.95, 1.05)
        self.assertLess(abs(table.mean()), 0.02)
