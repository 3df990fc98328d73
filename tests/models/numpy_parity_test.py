"""The Keras models reproduce a NumPy forward pass written from the spec.

`numpy_reference.py` is an independent re-derivation of models.md. Every
weight is randomised (LayerNorm and bias parameters included), the inputs
contain padding, fully padded examples and separators, and the logits are
compared at every position, padding included.
"""

import numpy as np
from absl.testing import parameterized

from exedec_tf.models import create_model, get_flax_params
from tests.models import numpy_reference
from tests.models.tiny import make_batch, randomise_weights, tiny_config
from tests.test_case import TestCase, seeded

ATOL = 1e-5


MODEL_TYPES = (
    "spec_decomposer_model",
    "synthesizer_model",
    "joint_model",
    "baseline_model",
)


class NumpyParityTest(TestCase):
    def check_parity(self, config, model_type, shift=True, seed=0):
        rng = seeded(seed)
        model = create_model(model_type, config)
        randomise_weights(model, rng)
        batch = make_batch(rng, config)
        if shift:
            got = model(batch, training=False)
        else:
            encoded = model.encode(batch["inputs"], batch["outputs"])
            got = model.decode(
                batch["targets"], encoded, batch["outputs"] > 0, shift=False
            )
        want = numpy_reference.logits(
            get_flax_params(model),
            config,
            batch["inputs"],
            batch["outputs"],
            batch["targets"],
            shift=shift,
        )
        got = np.asarray(got)
        self.assertEqual(got.shape, want.shape)
        self.assertTrue(np.isfinite(got).all())
        error = np.abs(got - want).max()
        self.assertLess(error, ATOL, f"max abs error {error}")
        return error

    @parameterized.parameters(*MODEL_TYPES)
    def test_model_types(self, model_type):
        self.check_parity(tiny_config(model_type), model_type)

    @parameterized.parameters(
        (32, 128, 128),  # log mode everywhere
        (41, 20, 100),  # exact mode for the bidirectional 41-bucket tables
        (8, 3, 4),  # tiny tables: large distances clip
        (32, 200, 800),  # the RobustFill paper distances
    )
    def test_bucket_settings_aligned(self, nb, md, cross_md):
        config = tiny_config("spec_decomposer_model", buckets=(nb, md, cross_md))
        self.check_parity(config, "spec_decomposer_model")

    def test_exact_causal_buckets(self):
        # 32 >= 21 positions: the causal table is in exact mode (as for the
        # RobustFill synthesizer's decoder), the bidirectional ones in log mode.
        self.check_parity(
            tiny_config("synthesizer_model", (32, 20, 80)), "synthesizer_model"
        )

    def test_unshifted_decode(self):
        config = tiny_config("spec_decomposer_model")
        self.check_parity(config, "spec_decomposer_model", shift=False)

    def test_qkv_width_differs_from_embedding(self):
        config = tiny_config("joint_model", qkv_dim=24, num_heads=3, mlp_dim=20)
        self.check_parity(config, "joint_model")

    def test_non_relative_variant(self):
        config = tiny_config("baseline_model", relative=False, max_len=64)
        self.check_parity(config, "baseline_model")
