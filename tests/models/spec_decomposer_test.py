"""Tests of SpecDecomposer's configuration checks and aligned attention."""

import numpy as np
import pytest

from exedec_tf.models import SpecDecomposer
from tests.models.tiny import make_batch, tiny_config
from tests.test_case import seeded


def test_aligned_positions_change_the_function():
    rng = seeded(0)
    config = tiny_config("spec_decomposer_model")
    model = SpecDecomposer(config)
    batch = make_batch(rng, config)
    unaligned = SpecDecomposer(config.replace(aligned_relative_attention=False))
    unaligned.set_weights(model.get_weights())
    # Before the first separator aligned positions equal plain ones.
    np.testing.assert_allclose(
        np.asarray(model(batch))[0, :2], np.asarray(unaligned(batch))[0, :2], atol=1e-5
    )
    assert not np.allclose(
        np.asarray(model(batch))[0, 2:], np.asarray(unaligned(batch))[0, 2:]
    )


def test_needs_spec_vocabulary():
    with pytest.raises(ValueError, match="output_vocab_size"):
        SpecDecomposer(tiny_config("spec_decomposer_model", output_vocab_size=25))


def test_aligned_needs_separator():
    config = tiny_config("spec_decomposer_model", separator_token_id=-1)
    with pytest.raises(ValueError, match="separator_token_id"):
        SpecDecomposer(config)
