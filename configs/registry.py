"""Builds every named config from the published sizes and a scale."""

import dataclasses

from configs.experiment import ExperimentConfig, TrainConfig
from exedec_tf.models import DOMAINS, MODEL_TYPES, paper_config, paper_sizes

SCALES = ("paper", "small", "tiny")

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


def _short(model_type: str) -> str:
    return model_type.removesuffix("_model")


def _build(domain: str, model_type: str, scale: str) -> ExperimentConfig:
    sizes = paper_sizes(domain, model_type)
    return ExperimentConfig(
        name=f"{domain}_{_short(model_type)}_{scale}",
        domain=domain,
        model_type=model_type,
        num_examples=sizes.num_examples,
        max_input_length=sizes.max_input_length,
        max_target_length=sizes.max_target_length,
        model=paper_config(domain, model_type, **_MODEL[scale]),
        train=_TRAIN[scale],
    )


CONFIG_NAMES = tuple(
    f"{d}_{_short(m)}_{s}" for d in DOMAINS for m in MODEL_TYPES for s in SCALES
)


def get_config(name: str, **train_overrides) -> ExperimentConfig:
    """Returns the named config, optionally with TrainConfig fields overridden.

    Raises:
      ValueError: unknown name (the message lists the known ones), or an
        invalid override.
    """
    if name not in CONFIG_NAMES:
        raise ValueError(
            f"unknown config {name!r}; known configs: {', '.join(CONFIG_NAMES)}"
        )
    domain, rest = name.split("_", 1)
    short, scale = rest.rsplit("_", 1)
    config = _build(domain, f"{short}_model", scale)
    if train_overrides:
        config = dataclasses.replace(
            config, train=dataclasses.replace(config.train, **train_overrides)
        )
    return config
