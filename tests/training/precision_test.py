"""Tests of exedec_tf.training.precision: the mixed_bfloat16 model and policy."""

import keras
import numpy as np
import pytest

from exedec_tf.configs import get_config
from exedec_tf.errors import ConfigError
from exedec_tf.models import create_model
from exedec_tf.training.loss import GroupedTokenLoss
from exedec_tf.training.optimizer import make_optimizer
from exedec_tf.training.precision import dtype_policy


def test_the_policy_holds_inside_and_is_restored_after():
    before = keras.config.dtype_policy().name
    with dtype_policy("bfloat16"):
        assert keras.config.dtype_policy().name == "mixed_bfloat16"
    assert keras.config.dtype_policy().name == before


def test_an_unknown_precision_is_named():
    with pytest.raises(ValueError, match="got 'float16'"):
        with dtype_policy("float16"):
            pass


@pytest.mark.parametrize(
    "name", ["robustfill_spec_decomposer_tiny", "deepcoder_baseline_tiny"]
)
def test_a_bfloat16_model_trains_with_float32_variables(name):
    config = get_config(name)
    with dtype_policy("bfloat16"):
        model = create_model(config.model_type, config.model)
    assert {w.dtype for w in model.weights} == {"float32"}
    data = config.data
    rng = np.random.default_rng(0)
    shape = (4, data.num_examples, data.max_input_length)
    batch = {
        "inputs": rng.integers(3, 20, shape).astype("int32"),
        "outputs": rng.integers(3, 20, shape).astype("int32"),
        "targets": rng.integers(3, 20, (4, data.max_target_length)).astype("int32"),
    }
    assert keras.backend.standardize_dtype(model(batch).dtype) == "bfloat16"
    model.compile(optimizer=make_optimizer(1e-2, 1), loss=GroupedTokenLoss(4))
    losses = [float(model.train_on_batch(batch, batch["targets"])) for _ in range(5)]
    assert all(np.isfinite(losses)) and losses[-1] < losses[0]


def test_the_config_names_a_bad_precision():
    with pytest.raises(ConfigError, match="mixed_precision must be one of"):
        get_config("robustfill_synthesizer_tiny", mixed_precision="float16")
