"""Compatibility path for training checkpoints of the first, unnamed format.

The first training loop wrote `tf.train.Checkpoint(model=model,
optimizer=optimizer)`. That checkpoint follows only the model layers kept in
attributes (10 of the 63 variables of a tiny model), not those in Python
lists; every trainable weight survives only through the optimizer, at
`optimizer/_trainable_variables/<i>` in `model.trainable_variables` order,
and the dropout seed states are not saved at all.

Such checkpoints still load: export reads the weights by position, with
every shape checked first, and training resumes through the same object
graph that wrote them (the dropout seed states then restart from their
initial values, so a resumed run with dropout differs from an uninterrupted
one). The next checkpoint the loop writes is of the named format
(`checkpoints`).
"""

import keras
import tensorflow as tf
from absl import logging

from exedec_tf.training.checkpoint_errors import CheckpointMismatchError

# Where the old format keeps trainable variable i.
_KEY = "optimizer/_trainable_variables/{}/.ATTRIBUTES/VARIABLE_VALUE"


def is_legacy(reader) -> bool:
    """Whether the checkpoint read by `reader` is of the old format.

    Args:
      reader: from `tf.train.load_checkpoint`.
    """
    shapes = reader.get_variable_to_shape_map()
    return _KEY.format(0) in shapes and not any(k.startswith("params/") for k in shapes)


def restore_training_state(prefix: str, model: keras.Model, optimizer) -> None:
    """Restores weights and optimizer from an old-format checkpoint for training.

    Raises:
      CheckpointMismatchError: the checkpoint does not fit the model (see
        `load_model_weights`), or its optimizer state does not match.
    """
    load_model_weights(model, prefix, tf.train.load_checkpoint(prefix))
    tf.train.Checkpoint(model=model, optimizer=optimizer).restore(
        prefix
    ).assert_existing_objects_matched()
    logging.warning(
        "Resumed from %s, a checkpoint of the old format: the dropout seed "
        "states were not saved and restart from their initial values",
        prefix,
    )


def load_model_weights(model: keras.Model, prefix: str, reader=None) -> None:
    """Assigns an old-format checkpoint's weights to `model`, all or none.

    Raises:
      CheckpointMismatchError: the model has non-trainable weights (the old
        format did not hold them), or the checkpoint holds another number of
        variables or other shapes (the message names the variable and both
        shapes).
    """
    reader = reader or tf.train.load_checkpoint(prefix)
    weights = {id(v) for v in model.weights}
    non_trainable = [v for v in model.non_trainable_variables if id(v) in weights]
    if non_trainable:
        raise CheckpointMismatchError(
            f"checkpoint {prefix} is of the old format, which does not hold "
            f"non-trainable weights such as {non_trainable[0].path}; load a "
            "*.weights.h5 file or a checkpoint of the current format instead"
        )
    shapes = reader.get_variable_to_shape_map()
    values = []
    for i, variable in enumerate(model.trainable_variables):
        key = _KEY.format(i)
        if key not in shapes:
            raise CheckpointMismatchError(
                f"checkpoint {prefix} (old format) has no value for variable {i} "
                f"({variable.path}); was it trained with another config?"
            )
        if tuple(shapes[key]) != tuple(variable.shape):
            raise CheckpointMismatchError(
                f"checkpoint {prefix} (old format): variable {i} ({variable.path}) "
                f"has shape {tuple(shapes[key])}, the model expects "
                f"{tuple(variable.shape)}; was it trained with another config?"
            )
        values.append(reader.get_tensor(key))
    if _KEY.format(len(values)) in shapes:
        raise CheckpointMismatchError(
            f"checkpoint {prefix} (old format) holds more variables than the "
            f"model's {len(values)}; was it trained with another config?"
        )
    for variable, value in zip(model.trainable_variables, values, strict=True):
        variable.assign(value)
