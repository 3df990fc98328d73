"""The training checkpoint format: every model variable by name, and the run.

A training checkpoint is a `tf.train.Checkpoint` whose root holds:

* `params`: every weight of the model, by its Flax path, e.g.
  `encoder/embed/embedding` (see `models.flax_params`);
* `rng`: every dropout seed-generator state, by the Flax path of the module
  that owns it and the attribute names below it, e.g.
  `encoder/encoderblock_0/attention_output_dropout/seed_generator`;
* `optimizer`: the Keras optimizer (update count and moments), as Keras
  tracks it;
* `data_position`: the number of training batches consumed (int64).

Keras 3 models keep their layers in Python lists, which `tf.train.Checkpoint`
does not follow, so the model is never checkpointed as an object: its
variables are named here, explicitly. The optimizer refers to the same
model variables; they are stored once, under `params/`, so export reads the
weights by name (`load_model_weights`) and never through the optimizer.

Nothing else in a training run is random: the data pipeline's corruption
draws are stateless (seeded by example index), so restoring `data_position`
and the seed-generator states makes a resumed run repeat the interrupted one.

Checkpoints written before this format (the optimizer held the weights, by
position) still load: see `legacy_checkpoints`.
"""

import re

import keras
import numpy as np
import tensorflow as tf
from absl import logging

from exedec_tf.models.flax_params import flax_param_paths, set_flax_params
from exedec_tf.training import legacy_checkpoints
from exedec_tf.training.checkpoint_errors import CheckpointMismatchError

PARAMS = "params"
RNG = "rng"
DATA_POSITION = "data_position"
_VALUE = ".ATTRIBUTES/VARIABLE_VALUE"


def checkpoint_key(group: str, name: str) -> str:
    """The key under which `tf.train.load_checkpoint` lists a named variable.

    Args:
      group: `PARAMS` or `RNG`.
      name: the variable's name within the group, e.g. `encoder/embed/embedding`.
    """
    # tf.train.Checkpoint escapes "." as ".." and "/" as ".S" in child names.
    escaped = name.replace(".", "..").replace("/", ".S")
    return f"{group}/{escaped}/{_VALUE}"


def _name_of_key(key: str) -> str:
    inner = key.split("/", 1)[1].removesuffix(f"/{_VALUE}")
    return re.sub(r"\.(.)", lambda m: "/" if m.group(1) == "S" else m.group(1), inner)


def model_params(model: keras.Model) -> dict[str, keras.Variable]:
    """Every weight of `model`, by Flax path (trainable or not)."""
    return {p.flax_path: p.variable for p in flax_param_paths(model)}


def rng_states(model: keras.Model) -> dict[str, keras.Variable]:
    """Every seed-generator state of `model` (its dropout layers), by name.

    A layer that owns weights is named by its layer name (its Flax module
    name); any other layer, e.g. a `Dropout` whose own name is a global
    counter, by the attribute that holds it.

    Raises:
      ValueError: a seed-generator state not reachable through the layers'
        attributes, or two states that would get one name.
    """
    states: dict[str, keras.Variable] = {}
    named: set[int] = set()  # ids of the states in `states`
    visited: set[int] = set()  # ids of the layers visited

    def visit(layer, path):
        for attribute, value in vars(layer).items():
            if attribute.startswith("_"):
                continue
            if isinstance(value, keras.random.SeedGenerator):
                if id(value.state) not in named:
                    name = f"{path}/{attribute}".lstrip("/")
                    if name in states:
                        raise ValueError(f"two seed generators named {name!r}")
                    states[name] = value.state
                    named.add(id(value.state))
                continue
            members = value if isinstance(value, (list, tuple)) else [value]
            for member in members:
                if isinstance(member, keras.layers.Layer) and id(member) not in visited:
                    visited.add(id(member))
                    segment = member.name if member.weights else attribute
                    visit(member, f"{path}/{segment}")

    visit(model, "")
    weights = {id(v) for v in model.weights}
    for variable in model.variables:
        if id(variable) not in weights and id(variable) not in named:
            raise ValueError(
                f"model variable {variable.path} is neither a weight nor a "
                "seed-generator state reachable by name; the checkpoint format "
                "cannot hold it"
            )
    return states


class TrainingCheckpoint:
    """Writes and restores the training state of one run in the named format.

    Args:
      model: the `ExeDecTransformer` being trained.
      optimizer: its (built) Keras optimizer.
      directory: where `save` writes `ckpt-<step>` files.
      max_to_keep: how many recent checkpoints `save` keeps.

    Example:

    >>> state = TrainingCheckpoint(model, optimizer, workdir / "checkpoints")
    >>> state.restore_latest(workdir / "checkpoints")  # None on a fresh run
    >>> state.data_position.assign(int(optimizer.iterations))
    >>> state.save()
    """

    def __init__(self, model, optimizer, directory, max_to_keep: int = 3):
        self.model = model
        self.optimizer = optimizer
        self.params = model_params(model)
        self.rng = rng_states(model)
        # Created like the model's variables (under the same strategy, if
        # any), so that every worker saves and restores it alike.
        self.data_position = tf.Variable(
            0, dtype=tf.int64, trainable=False, name=DATA_POSITION
        )
        self.checkpoint = tf.train.Checkpoint(
            **{
                PARAMS: self.params,
                RNG: self.rng,
                "optimizer": optimizer,
                DATA_POSITION: self.data_position,
            }
        )
        self.manager = tf.train.CheckpointManager(
            self.checkpoint, str(directory), max_to_keep=max_to_keep
        )

    def save(self) -> str:
        """Writes `ckpt-<optimizer step>`; returns its prefix."""
        step = int(self.optimizer.iterations.numpy())
        path = self.manager.save(checkpoint_number=step)
        logging.info("Saved checkpoint %s", path)
        return path

    def restore_latest(self, directory) -> str | None:
        """Restores the newest checkpoint in `directory`; returns its prefix.

        Returns None (and changes nothing) when the folder holds none.
        """
        prefix = tf.train.latest_checkpoint(str(directory))
        if prefix:
            self.restore(prefix)
        return prefix

    def restore(self, prefix) -> None:
        """Restores model, optimizer, RNG states and data position from `prefix`.

        Raises:
          CheckpointMismatchError: a variable is missing, unexpected or of
            another shape (the message names it and both shapes).
        """
        prefix = str(prefix)
        reader = tf.train.load_checkpoint(prefix)
        if legacy_checkpoints.is_legacy(reader):
            legacy_checkpoints.restore_training_state(
                prefix, self.model, self.optimizer
            )
            self.data_position.assign(int(self.optimizer.iterations.numpy()))
            return
        shapes = reader.get_variable_to_shape_map()
        _check_group(prefix, shapes, PARAMS, self.params)
        _check_group(prefix, shapes, RNG, self.rng)
        self.checkpoint.restore(prefix).assert_existing_objects_matched()
        logging.info("Resumed from %s", prefix)


def _check_group(prefix, shapes, group, variables) -> None:
    expected = {checkpoint_key(group, name): v for name, v in variables.items()}
    stored = {k for k in shapes if k.startswith(f"{group}/") and k.endswith(_VALUE)}
    missing = sorted(_name_of_key(k) for k in set(expected) - stored)
    unexpected = sorted(_name_of_key(k) for k in stored - set(expected))
    if missing or unexpected:
        raise CheckpointMismatchError(
            f"checkpoint {prefix} does not match the model's {group}: missing "
            f"{missing[:5]}{'...' if len(missing) > 5 else ''}, unexpected "
            f"{unexpected[:5]}{'...' if len(unexpected) > 5 else ''}; was it "
            "trained with another config?"
        )
    for key, variable in sorted(expected.items()):
        stored_shape = tuple(shapes[key])
        if stored_shape != tuple(variable.shape):
            raise CheckpointMismatchError(
                f"checkpoint {prefix}: {group} {_name_of_key(key)} has shape "
                f"{stored_shape}, the model expects {tuple(variable.shape)}; was "
                "it trained with another config?"
            )


def read_model_weights(prefix) -> dict[str, np.ndarray]:
    """A named-format checkpoint's model weights, `{Flax path: array}`.

    Raises:
      CheckpointMismatchError: `prefix` holds no `params` (e.g. a checkpoint
        of the legacy format, which only `load_model_weights` reads).
    """
    reader = tf.train.load_checkpoint(str(prefix))
    keys = [
        k
        for k in reader.get_variable_to_shape_map()
        if k.startswith(f"{PARAMS}/") and k.endswith(_VALUE)
    ]
    if not keys:
        raise CheckpointMismatchError(
            f"checkpoint {prefix} holds no {PARAMS}/ variables: it is not a "
            "training checkpoint of exedec_tf.training; pass a training workdir "
            "or its ckpt-N prefix, or save Keras weights (*.weights.h5) instead"
        )
    return {_name_of_key(k): reader.get_tensor(k) for k in keys}


def load_model_weights(model: keras.Model, prefix) -> None:
    """Assigns a training checkpoint's weights to `model`, all or none.

    Reads the named format by Flax path; a legacy checkpoint (weights held by
    the optimizer, by position) is read through `legacy_checkpoints`.

    Raises:
      CheckpointMismatchError: the checkpoint is not a training checkpoint,
        or holds another config's variables (the message names the first
        offending variable, and both shapes where they differ).
    """
    prefix = str(prefix)
    reader = tf.train.load_checkpoint(prefix)
    if legacy_checkpoints.is_legacy(reader):
        logging.warning(
            "%s is a checkpoint of the old format (weights held by the optimizer); "
            "reading its weights by position",
            prefix,
        )
        legacy_checkpoints.load_model_weights(model, prefix, reader)
        return
    weights = read_model_weights(prefix)
    try:
        set_flax_params(model, weights)
    except ValueError as error:
        raise CheckpointMismatchError(
            f"checkpoint {prefix}: {error}; was it trained with another config?"
        ) from error
