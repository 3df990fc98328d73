"""Builds every named config from the published sizes and a scale.

The published facts (lengths, vocabularies, end-to-end L and T) come from
`exedec_tf.models.paper_configs`, the dataset sizes of each scale from
`exedec_tf.data.split_sizes`; this module adds the network and training
settings of each scale and the names.
"""

from exedec_tf.data.split_sizes import SCALES
from exedec_tf.errors import ConfigError
from exedec_tf.experiment_config import (
    DataConfig,
    ExperimentConfig,
    InferenceConfig,
    TrainConfig,
)
from exedec_tf.models import DOMAINS, ModelType, paper_config, paper_sizes

# Network overrides per scale (the paper scale keeps the published sizes).
_MODEL = {
    "paper": {},
    "small": dict(emb_dim=128, qkv_dim=128, mlp_dim=512, num_heads=4, num_layers=2),
    "tiny": dict(
        emb_dim=32,
        qkv_dim=32,
        mlp_dim=64,
        num_heads=2,
        num_layers=1,
        dropout_rate=0.0,
        attention_dropout_rate=0.0,
    ),
}
_TRAIN = {
    "paper": TrainConfig(),
    "small": TrainConfig(
        batch_size=32,
        group_size=16,
        num_steps=20_000,
        learning_rate=1e-3,
        warmup_steps=1000,
        steps_per_loop=200,
        eval_batches=4,
    ),
    "tiny": TrainConfig(
        batch_size=8,
        group_size=8,
        num_steps=300,
        learning_rate=3e-3,
        warmup_steps=20,
        steps_per_loop=50,
        eval_batches=1,
        weight_decay=0.0,
    ),
}
assert tuple(_MODEL) == tuple(_TRAIN) == SCALES


def config_name(domain: str, model_type: ModelType | str, scale: str) -> str:
    """The registered name `<domain>_<model type short>_<scale>`."""
    return f"{domain}_{ModelType.parse(model_type).short}_{scale}"


def _build(domain: str, model_type: ModelType, scale: str) -> ExperimentConfig:
    sizes = paper_sizes(domain, model_type)
    return ExperimentConfig(
        name=config_name(domain, model_type, scale),
        domain=domain,
        model_type=model_type,
        model=paper_config(domain, model_type, **_MODEL[scale]),
        data=DataConfig(
            num_examples=sizes.num_examples,
            max_input_length=sizes.max_input_length,
            max_target_length=sizes.max_target_length,
            scale=scale,
        ),
        train=_TRAIN[scale],
        inference=InferenceConfig(
            spec_length=sizes.end_to_end_spec_length,
            max_decode_length=sizes.end_to_end_decode_length,
        ),
    )


_PARTS = {
    config_name(d, m, s): (d, m, s) for d in DOMAINS for m in ModelType for s in SCALES
}
CONFIG_NAMES = tuple(_PARTS)


def get_config(name: str, **train_overrides) -> ExperimentConfig:
    """Returns the named config, optionally with TrainConfig fields overridden.

    `get_config(name).override({...})` changes any other field.

    Raises:
      ConfigError: unknown name (the message lists the known ones), or an
        invalid override.
    """
    if name not in _PARTS:
        raise ConfigError(
            f"unknown config {name!r}; known configs: {', '.join(CONFIG_NAMES)}"
        )
    config = _build(*_PARTS[name])
    if train_overrides:
        config = config.override(
            {f"train.{key}": value for key, value in train_overrides.items()}
        )
    return config
