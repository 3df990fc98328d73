"""Tiny checkpoints in the published layout, written by the project's writer.

They lie in train.py directories whose hparam strings match their shapes
(ed=32, hd=64, no dropout: the `tiny` configs), not the published strings,
so the presets find them by listing (experiment and seed), as they would a
directory the scripts do not name.
"""

import dataclasses
import functools

from exedec_tf.models.flax_checkpoint import export_flax_checkpoint
from exedec_tf.models.train_hparams import format_hparam_str


@functools.cache
def tiny_checkpoint_bytes(domain: str, model_type: str, seed: int = 0) -> bytes:
    """A random-weight `<domain>_<model>_tiny` model as Flax checkpoint bytes."""
    import tempfile

    import keras

    from exedec_tf.configs import config_name, get_config
    from exedec_tf.models.model_types import create_model

    keras.utils.set_random_seed(seed)
    config = get_config(config_name(domain, model_type, "tiny"))
    model = create_model(config.model_type, config.model)
    with tempfile.TemporaryDirectory() as tmp:
        path = export_flax_checkpoint(model, f"{tmp}/checkpoint_1", step=1)
        return path.read_bytes()


def tiny_hparam_str(spec) -> str:
    """The hparam string of a tiny-config run of the spec's experiment and seed."""
    return format_hparam_str(
        dataclasses.replace(
            spec.hparams,
            embedding_dim=32,
            hidden_dim=64,
            dropout_rate=0.0,
            attention_dropout_rate=0.0,
        )
    )


def add_preset(bucket, preset, steps=(100, 499999)) -> dict[str, str]:
    """Puts tiny checkpoints of every model of `preset` into `bucket`.

    Each directory gets one checkpoint per step (the latest is the real one;
    earlier ones hold other bytes, so taking the wrong one shows).

    Returns:
      {model_type: name of the latest checkpoint object}.
    """
    latest = {}
    for spec in preset.checkpoints:
        folder = f"{spec.checkpoints_prefix}{tiny_hparam_str(spec)}/"
        for step in sorted(steps):
            name = f"{folder}checkpoint_{step}"
            if step == max(steps):
                data = tiny_checkpoint_bytes(spec.domain, spec.model_type)
            else:
                data = f"old step {step}".encode()
            bucket.add(name, data)
        latest[spec.model_type] = name
    return latest
