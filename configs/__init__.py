"""Named experiment configurations: `<domain>_<model type>_<scale>`.

Scales: `paper` (the published hyperparameters), `small` (a ~1M-parameter
model that learns in minutes on a CPU) and `tiny` (seconds; tests and the
demo). Every config is an `exedec_tf.experiment_config.ExperimentConfig`,
built and validated by `get_config`. Only front ends (the command line, the
demo, scripts) resolve names; library functions take config objects.
"""

from exedec_tf.configs.registry import CONFIG_NAMES, config_name, get_config

__all__ = ["CONFIG_NAMES", "config_name", "get_config"]
