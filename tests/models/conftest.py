"""Fixtures shared by the train.py checkpoint tests."""

import pytest

from exedec_tf.models import create_model, get_flax_params
from tests.models.train_checkpoints import small_config


@pytest.fixture(scope="module")
def small_synthesizer():
    config, hparams = small_config()
    model = create_model("synthesizer_model", config)
    return config, hparams, get_flax_params(model)
