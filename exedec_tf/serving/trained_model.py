"""Builds a named config's model and loads its trained weights."""

import pathlib

import tensorflow as tf

from exedec_tf.models import create_model
from exedec_tf.original_checkpoints import is_original_checkpoint, load_original_weights
from exedec_tf.training import checkpoints


def load_weights(model, weights) -> str:
    """Loads trained weights into `model`.

    Training checkpoints are read by variable name (`exedec_tf.training.
    checkpoints`); those of the first, unnamed format by position
    (`exedec_tf.training.legacy_checkpoints`).

    Args:
      model: a freshly built `ExeDecTransformer`.
      weights: a Keras `*.weights.h5` file (e.g. from `exedec-tf
        convert-checkpoint`), a training checkpoint prefix (`.../ckpt-N`), a
        training workdir / checkpoint folder (its newest checkpoint), or a
        checkpoint of the original's train.py (`exedec_tf.original_checkpoints`).

    Returns:
      The file or checkpoint prefix that was loaded.

    Raises:
      FileNotFoundError: nothing loadable at `weights`.
      CheckpointMismatchError: (a ValueError) a checkpoint that is not a
        training checkpoint, or holds another config's variables or shapes.
    """
    path = pathlib.Path(weights).expanduser()
    if path.name.endswith(".weights.h5"):
        if not path.is_file():
            raise FileNotFoundError(f"weights file {path} does not exist")
        model.load_weights(str(path))
        return str(path)
    if is_original_checkpoint(path):
        return str(load_original_weights(model, path))
    prefix = None
    if path.is_dir():
        for folder in (path / "checkpoints", path):
            prefix = tf.train.latest_checkpoint(str(folder))
            if prefix:
                break
    elif pathlib.Path(f"{path}.index").is_file():
        prefix = str(path)
    if not prefix:
        raise FileNotFoundError(
            f"no *.weights.h5 file, checkpoint prefix or checkpoint folder at {path}"
        )
    checkpoints.load_model_weights(model, prefix)
    return prefix


def trained_model(config, weights=None):
    """The model of an `ExperimentConfig`, with weights if given.

    Args:
      config: an `ExperimentConfig` (see `configs.get_config`).
      weights: see `load_weights`; None keeps the random initialisation.

    Returns:
      The Keras model.
    """
    model = create_model(config.model_type, config.model)
    if weights is not None:
        load_weights(model, weights)
    return model
