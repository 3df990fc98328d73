"""A tiny RobustFill TFDS dataset built by the `build_dataset` stage."""

from exedec_tf import stages
from exedec_tf.configs import get_config
from tests.conftest import shared_data_dir

CONFIG = "robustfill_synthesizer_tiny"
# 16 training tasks: enough for a few updates of batch 8.
SIZES = {"train": [1, 16], "valid": [1, 2], "test": [1, 2]}


def tiny_config():
    """The tiny synthesizer config, on the tiny split sizes."""
    return get_config(CONFIG).override({"data.sizes": SIZES})


def build_tiny_dataset(data_dir):
    """Builds the dataset of `tiny_config()` under `data_dir`; returns its
    version folder (skips the test without the released data)."""
    return stages.build_dataset(tiny_config(), data_dir, manual_dir=shared_data_dir())
