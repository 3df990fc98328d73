"""Official ExeDec Flax checkpoints in Keras, and back (models.md §10.3).

A checkpoint of the original code is one msgpack file, `checkpoint_<step>`,
holding the state dict of a `flax.optim` Adam optimizer:

    target/<param path>                          the parameters (§10.2)
    state/step                                   int32 updates applied
    state/param_states/<param path>/grad_ema     Adam first moment
    state/param_states/<param path>/grad_sq_ema  Adam second moment

The Keras models name their variables by the Flax paths and keep Flax's
layouts (`flax_params.py`), so converting is reading the file, checking
that its parameter tree is exactly the model's, and assigning.

Example:

    config = configs.get_config("robustfill_synthesizer_paper")
    model = convert_checkpoint("checkpoints/checkpoint_500000", config)
    save_keras_weights(model, "robustfill_synthesizer.weights.h5")
"""

import dataclasses
import os
import pathlib
import re
from collections.abc import Mapping

import keras
import numpy as np

from exedec_tf.errors import ConfigError, ExeDecError
from exedec_tf.models.flax_checkpoint_format import (
    CheckpointFormatError,
    msgpack_restore,
    msgpack_serialize,
)
from exedec_tf.models.flax_params import (
    flatten_flax_tree,
    flax_param_paths,
    get_flax_params,
    set_flax_params,
)
from exedec_tf.models.model_types import create_model

_CHECKPOINT_NAME = re.compile(r"checkpoint_(\d+)")
_MOMENTS = ("grad_ema", "grad_sq_ema")


class CheckpointMismatchError(ExeDecError, ValueError):
    """The checkpoint's parameter tree is not the model's.

    Attributes:
      path: the first differing Flax parameter path, in sorted order.
      checkpoint_shape: its shape in the checkpoint, None if absent there.
      model_shape: its shape in the model, None if the model has no such
        parameter.
    """

    def __init__(self, message, path, checkpoint_shape, model_shape):
        super().__init__(message)
        self.path = path
        self.checkpoint_shape = checkpoint_shape
        self.model_shape = model_shape


@dataclasses.dataclass
class FlaxCheckpoint:
    """The content of one Flax checkpoint file, as NumPy arrays."""

    # Nested parameter tree with top keys "encoder" and "decoder".
    params: dict
    # Optimizer updates applied (`state/step`); None in a parameters-only file.
    step: int | None = None
    # `state/param_states`: the params tree with {"grad_ema", "grad_sq_ema"}
    # dicts at its leaves; None in a parameters-only file.
    param_states: dict | None = None

    def flat_params(self) -> dict[str, np.ndarray]:
        """The parameters as `{"encoder/embed/embedding": array, ...}`."""
        return flatten_flax_tree(self.params)

    @property
    def num_tensors(self) -> int:
        """Number of parameter arrays."""
        return len(self.flat_params())

    @property
    def num_parameters(self) -> int:
        """Number of scalar parameters."""
        return sum(int(a.size) for a in self.flat_params().values())

    def adam_moments(self) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """Adam's first and second moments, each flat by parameter path.

        Raises:
          ValueError: the file holds no optimizer state.
        """
        if self.param_states is None:
            raise ValueError("the checkpoint holds no optimizer state")
        flat = flatten_flax_tree(self.param_states)
        return tuple(
            {p.removesuffix(f"/{m}"): a for p, a in flat.items() if p.endswith(f"/{m}")}
            for m in _MOMENTS
        )


def checkpoint_file(path) -> pathlib.Path:
    """`path` itself, or for a directory its newest `checkpoint_<step>` file.

    Raises:
      FileNotFoundError: no such file, or no checkpoint in the directory.
    """
    path = pathlib.Path(path)
    if path.is_dir():
        steps = {
            int(m.group(1)): child
            for child in path.iterdir()
            if (m := _CHECKPOINT_NAME.fullmatch(child.name)) and child.is_file()
        }
        if not steps:
            raise FileNotFoundError(f"no checkpoint_<step> file in {path}")
        return steps[max(steps)]
    if not path.is_file():
        raise FileNotFoundError(f"checkpoint {path} does not exist")
    return path


def _check_leaves(tree, where: str) -> None:
    """Every leaf of a parameter tree must be a real-valued array."""
    for path, array in flatten_flax_tree(tree).items():
        # Not a positive list of kinds: ml_dtypes' bfloat16 has kind "V".
        if array.dtype.kind in "OUSc":
            raise CheckpointFormatError(
                f"{where}: {path} is not a numeric array (got {array.dtype})"
            )


def read_flax_checkpoint(path) -> FlaxCheckpoint:
    """Reads an original ExeDec checkpoint without Flax.

    Accepts the `flax.optim` optimizer file of §10.3 (`target` / `state`),
    and also a parameters-only file (`{"params": tree}` or the bare tree).

    Args:
      path: the `checkpoint_<step>` file, or the directory holding it (the
        newest step is read, as Flax's `restore_checkpoint` does).

    Raises:
      FileNotFoundError: no checkpoint at `path`.
      CheckpointFormatError: the file is not such a checkpoint (garbage,
        truncated, or without a parameter tree).
    """
    path = checkpoint_file(path)
    try:
        tree = msgpack_restore(path.read_bytes())
    except CheckpointFormatError as error:
        raise CheckpointFormatError(f"{path}: {error}") from None
    if not isinstance(tree, dict):
        raise CheckpointFormatError(
            f"{path}: not a Flax checkpoint (top level is a {type(tree).__name__})"
        )
    state = {}
    if "target" in tree:
        params, state = tree["target"], tree.get("state") or {}
    elif "params" in tree:
        params = tree["params"]
    elif {"encoder", "decoder"} <= set(tree):
        params = tree
    else:
        raise CheckpointFormatError(
            f"{path}: no parameter tree (expected a top-level 'target', 'params' "
            f"or 'encoder'/'decoder' key, found {sorted(map(str, tree))})"
        )
    if not isinstance(params, dict) or not params:
        raise CheckpointFormatError(f"{path}: the parameter tree is empty or no map")
    _check_leaves(params, str(path))
    if not isinstance(state, dict):
        state = {}
    step = state.get("step")
    try:
        step = None if step is None else int(np.asarray(step))
    except (TypeError, ValueError):
        raise CheckpointFormatError(
            f"{path}: state/step {step!r} is no integer"
        ) from None
    return FlaxCheckpoint(
        params=params, step=step, param_states=state.get("param_states")
    )


def _nest(flat: Mapping) -> dict:
    """{"a/b": x} -> {"a": {"b": x}}; nested input is returned unchanged."""
    if any(isinstance(v, Mapping) for v in flat.values()):
        return dict(flat)
    tree = {}
    for path, value in flat.items():
        *parents, leaf = path.split("/")
        node = tree
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    return tree


def write_flax_checkpoint(
    path, params: Mapping, step: int = 0, param_states: Mapping | None = None
) -> pathlib.Path:
    """Writes parameters in the original checkpoint format (§10.3).

    The file is what Flax 0.5.3's `save_checkpoint` writes for an Adam
    optimizer, so the original code can restore it. It is written to a
    temporary file and renamed, so a crash never leaves half a checkpoint.

    Args:
      path: the file to write (conventionally `.../checkpoint_<step>`).
      params: `{flax path: array}` or the nested tree (top keys `encoder`,
        `decoder`).
      step: stored as int32 `state/step`.
      param_states: the nested `state/param_states` tree; None writes zero
        moments, i.e. a fresh Adam state.

    Returns:
      The path written.
    """
    path = pathlib.Path(path)
    flat = flatten_flax_tree(_nest(params))
    target = _nest({p: np.asarray(a) for p, a in flat.items()})
    if param_states is None:
        param_states = _nest(
            {
                f"{p}/{m}": np.zeros(a.shape, np.float32)
                for p, a in flat.items()
                for m in _MOMENTS
            }
        )
    state_dict = {
        "target": target,
        "state": {"step": np.asarray(step, np.int32), "param_states": param_states},
    }
    data = msgpack_serialize(state_dict)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Not tempfile: its files are private (0600), a checkpoint is not.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def export_flax_checkpoint(model: keras.Model, path, step: int = 0) -> pathlib.Path:
    """Writes a Keras ExeDec model's weights as an original Flax checkpoint."""
    return write_flax_checkpoint(path, get_flax_params(model), step=step)


def _build_model(model_or_config) -> tuple[keras.Model, str]:
    """The model to load into, and a name for error messages."""
    if isinstance(model_or_config, keras.Model):
        return model_or_config, f"model {model_or_config.name!r}"
    config = model_or_config
    if not (hasattr(config, "model_type") and hasattr(config, "model")):
        raise TypeError(
            "expected a Keras model or an ExperimentConfig, got "
            f"{type(model_or_config).__name__}"
        )
    return create_model(config.model_type, config.model), f"config {config.name!r}"


def check_params_match(model: keras.Model, params: Mapping, what: str = "model"):
    """Raises unless `params` has exactly the model's paths and shapes.

    Args:
      model: an `ExeDecTransformer`.
      params: flat `{flax path: array}` or the nested tree.
      what: how to name the model in the message.

    Raises:
      CheckpointMismatchError: naming the first differing path (in Flax's
        sorted order) with both shapes, and how many paths differ.
    """
    got = {p: tuple(np.shape(a)) for p, a in flatten_flax_tree(_nest(params)).items()}
    want = {p.flax_path: p.shape for p in flax_param_paths(model)}
    differing = [p for p in sorted(set(got) | set(want)) if got.get(p) != want.get(p)]
    if not differing:
        return
    first = differing[0]
    missing = sum(p not in got for p in differing)
    extra = sum(p not in want for p in differing)
    reshaped = len(differing) - missing - extra
    if first not in got:
        detail = f"is missing from the checkpoint (model shape {want[first]})"
    elif first not in want:
        detail = f"(checkpoint shape {got[first]}) is not a parameter of the model"
    else:
        detail = (
            f"has shape {got[first]} in the checkpoint but {want[first]} in the model"
        )
    raise CheckpointMismatchError(
        f"checkpoint does not match the {what}: parameter {first!r} {detail}; "
        f"{len(differing)} parameter(s) differ ({reshaped} in shape, {missing} "
        f"missing from the checkpoint, {extra} not in the model)",
        path=first,
        checkpoint_shape=got.get(first),
        model_shape=want.get(first),
    )


def convert_checkpoint(checkpoint, model_or_config) -> keras.Model:
    """Loads an original Flax checkpoint into a Keras ExeDec model.

    Args:
      checkpoint: a checkpoint file or directory (see `read_flax_checkpoint`),
        or an already read `FlaxCheckpoint`.
      model_or_config: the Keras model to load into, or an
        `ExperimentConfig` (a model is then built from it).

    Returns:
      The model, with every weight set from the checkpoint.

    Raises:
      CheckpointMismatchError: the checkpoint was trained with another
        configuration (first differing parameter path and both shapes).
      CheckpointFormatError, FileNotFoundError: see `read_flax_checkpoint`.
    """
    if not isinstance(checkpoint, FlaxCheckpoint):
        checkpoint = read_flax_checkpoint(checkpoint)
    model, what = _build_model(model_or_config)
    params = checkpoint.flat_params()
    check_params_match(model, params, what)
    set_flax_params(model, params)
    return model


def save_keras_weights(model: keras.Model, out_path) -> pathlib.Path:
    """Saves the model's weights as a Keras `.weights.h5` file.

    Load them with `model.load_weights(out_path)` into a model built from
    the same config.

    Raises:
      ValueError: `out_path` does not end in `.weights.h5` (Keras requires it).
    """
    out_path = pathlib.Path(out_path)
    if not out_path.name.endswith(".weights.h5"):
        raise ConfigError(f"Keras weight files must end in .weights.h5, got {out_path}")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    model.save_weights(str(out_path), overwrite=True)
    return out_path
