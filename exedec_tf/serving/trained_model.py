"""Builds a named config's model and loads its trained weights."""

import pathlib

import tensorflow as tf

from exedec_tf.models import create_model


def load_weights(model, weights) -> str:
    """Loads trained weights into `model`.

    Args:
      model: a freshly built `ExeDecTransformer`.
      weights: a Keras `*.weights.h5` file (e.g. from `exedec-tf
        convert-checkpoint`), a training checkpoint prefix (`.../ckpt-N`), or
        a training workdir / checkpoint folder (its newest checkpoint).

    Returns:
      The file or checkpoint prefix that was loaded.

    Raises:
      FileNotFoundError: nothing loadable at `weights`.
      ValueError: a checkpoint that does not hold every model variable.
    """
    path = pathlib.Path(weights).expanduser()
    if path.name.endswith(".weights.h5"):
        if not path.is_file():
            raise FileNotFoundError(f"weights file {path} does not exist")
        model.load_weights(str(path))
        return str(path)
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
    _check_checkpoint_covers(model, prefix)
    # Training checkpoints also hold the optimizer; only the model is needed.
    tf.train.Checkpoint(model=model).restore(prefix).expect_partial()
    return prefix


def _check_checkpoint_covers(model, prefix) -> None:
    """Refuses a checkpoint that lacks some of the model's variables.

    `tf.train.Checkpoint` only follows TF-trackable attributes, and layers
    kept in plain Python lists may be missing from a checkpoint; restoring
    it would silently leave those layers at their initial values.
    """
    saved = [
        name
        for name, _ in tf.train.list_variables(prefix)
        if name.startswith("model/")
        and name.endswith("/.ATTRIBUTES/VARIABLE_VALUE")
        and ".OPTIMIZER_SLOT" not in name
    ]
    if len(saved) != len(model.variables):
        raise ValueError(
            f"checkpoint {prefix} holds {len(saved)} of the model's "
            f"{len(model.variables)} variables, so restoring it would leave "
            "layers untrained; export Keras weights (model.save_weights to "
            "*.weights.h5) instead"
        )


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
