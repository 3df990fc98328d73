"""The named config a preset checkpoint was trained with.

The published checkpoints are the `<domain>_<model>_paper` configs. The
named configs of the other scales are candidates too (test buckets hold
tiny checkpoints in the published layout); the one whose embedding width
and parameter tree match the checkpoint is taken.
"""

from exedec_tf.models.flax_checkpoint import FlaxCheckpoint, check_params_match
from exedec_tf.presets.errors import PresetError

# Looked at in this order; the published checkpoints are `paper`.
_SCALES = ("paper", "small", "tiny")
_EMBEDDING = "decoder/embed_output/embedding"


class NoMatchingConfigError(PresetError, ValueError):
    """No named config has the checkpoint's parameter shapes."""


def matching_config(checkpoint: FlaxCheckpoint, domain: str, model_type: str):
    """The ExperimentConfig whose model has exactly the checkpoint's parameters.

    Returns:
      (config, model): the config and its model with the checkpoint's weights
      not yet assigned.

    Raises:
      NoMatchingConfigError: naming the checkpoint's embedding width and the
        configs tried.
    """
    from configs import config_name, get_config
    from exedec_tf.models.flax_checkpoint import CheckpointMismatchError
    from exedec_tf.models.model_types import create_model

    params = checkpoint.flat_params()
    width = params[_EMBEDDING].shape[-1] if _EMBEDDING in params else None
    tried = []
    for scale in _SCALES:
        config = get_config(config_name(domain, model_type, scale))
        tried.append(config.name)
        if width is not None and config.model.emb_dim != width:
            continue
        model = create_model(config.model_type, config.model)
        try:
            check_params_match(model, params, f"config {config.name!r}")
        except CheckpointMismatchError:
            continue
        return config, model
    raise NoMatchingConfigError(
        f"the {domain} {model_type} checkpoint (embedding width {width}, "
        f"{len(params)} tensors) matches none of the configs {tried}"
    )
