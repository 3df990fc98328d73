import numpy as np
import pytest

from exedec_tf.models.flax_checkpoint import FlaxCheckpoint, _nest
from exedec_tf.models.flax_params import get_flax_params
from exedec_tf.presets.model_config import NoMatchingConfigError, matching_config


def _tiny_params(domain, model_type):
    from configs import config_name, get_config
    from exedec_tf.models.model_types import create_model

    config = get_config(config_name(domain, model_type, "tiny"))
    return get_flax_params(create_model(config.model_type, config.model))


def test_tiny_checkpoint_matches_the_tiny_config():
    params = _tiny_params("robustfill", "synthesizer_model")
    config, model = matching_config(
        FlaxCheckpoint(_nest(params)), "robustfill", "synthesizer_model"
    )
    assert config.name == "robustfill_synthesizer_tiny"
    assert model.config.emb_dim == 32


def test_no_matching_config_names_width_and_candidates():
    params = dict(_tiny_params("deepcoder", "joint_model"))
    path = "decoder/embed_output/embedding"
    params[path] = np.zeros((params[path].shape[0], 48), np.float32)
    with pytest.raises(NoMatchingConfigError, match="embedding width 48") as info:
        matching_config(FlaxCheckpoint(_nest(params)), "deepcoder", "joint_model")
    assert "deepcoder_joint_paper" in str(info.value)
