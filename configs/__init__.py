"""Named experiment configurations: `<domain>_<model type>_<scale>`.

Scales: `paper` (the published hyperparameters), `small` (a ~1M-parameter
model that learns in minutes on a CPU) and `tiny` (seconds; tests and the
demo). Every config is built and validated by `get_config`.
"""

from configs.experiment import ExperimentConfig, TrainConfig
from configs.registry import CONFIG_NAMES, get_config

__all__ = ["CONFIG_NAMES", "ExperimentConfig", "TrainConfig", "get_config"]
