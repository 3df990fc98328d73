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
      ValueError: a checkpoint that does not hold every model variable, or
        holds another config's shapes.
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
    _restore_training_checkpoint(model, prefix)
    return prefix


# Where a training checkpoint (`exedec_tf.training.loop`) keeps each trainable
# variable: the optimizer tracks them, in `model.trainable_variables` order.
_OPTIMIZER_KEY = "optimizer/_trainable_variables/{}/.ATTRIBUTES/VARIABLE_VALUE"


def _restore_training_checkpoint(model, prefix) -> None:
    """Loads a training checkpoint's model variables, all of them or none.

    `tf.train.Checkpoint` does not follow the layers that the Keras 3 models
    keep in Python lists, so restoring through `model/...` would silently
    leave those layers at their initial values. The training loop's optimizer
    does track every trainable variable, in `model.trainable_variables`
    order; they are read from there, with every shape checked first.
    """
    # Dropout seed-generator states are the only non-trainable variables of
    # the ExeDec models; they do not affect inference. Anything else would be
    # a weight the checkpoint does not hold.
    weights = [
        v
        for v in model.non_trainable_variables
        if not v.path.endswith("seed_generator_state")
    ]
    if weights:
        raise ValueError(
            f"the model has non-trainable weights ({weights[0].path}, ...), "
            "which training checkpoints do not hold; load a *.weights.h5 file "
            "instead"
        )
    reader = tf.train.load_checkpoint(prefix)
    shapes = reader.get_variable_to_shape_map()
    values = []
    for i, variable in enumerate(model.trainable_variables):
        key = _OPTIMIZER_KEY.format(i)
        if key not in shapes:
            raise ValueError(
                f"checkpoint {prefix} has no value for variable {i} "
                f"({variable.path}); it is not a training checkpoint of this "
                "config (export Keras weights with model.save_weights instead)"
            )
        if tuple(shapes[key]) != tuple(variable.shape):
            raise ValueError(
                f"checkpoint {prefix}: variable {i} ({variable.path}) has shape "
                f"{tuple(shapes[key])}, the model expects {tuple(variable.shape)}; "
                "was it trained with another config?"
            )
        values.append(reader.get_tensor(key))
    extra = _OPTIMIZER_KEY.format(len(values))
    if extra in shapes:
        raise ValueError(
            f"checkpoint {prefix} holds more variables than the model's "
            f"{len(values)}; was it trained with another config?"
        )
    for variable, value in zip(model.trainable_variables, values, strict=True):
        variable.assign(value)


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
