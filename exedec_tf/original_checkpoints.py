"""Checkpoints of the original's train.py as ExperimentConfigs and Keras models.

A train.py checkpoint needs no registered config: `checkpoint_config` infers
the whole `ExperimentConfig` from the checkpoint's hparam string, its
parameter shapes and its place in train.py's layout
(`exedec_tf.models.checkpoint_config`), or takes one given explicitly (a config
object, e.g. parsed from a JSON file, for checkpoints outside that layout).
`load_original_checkpoint` then builds the model and assigns the weights,
after checking that the parameter tree is exactly the model's.

Example:

    loaded = load_original_checkpoint("trained_models/deepcoder/joint_model")
    loaded.config.to_json()  # the inferred config
    loaded.model             # the Keras model with the checkpoint's weights
"""

import dataclasses
import json
import pathlib
import re

import keras

from exedec_tf.errors import ConfigError
from exedec_tf.experiment_config import (
    DataConfig,
    ExperimentConfig,
    InferenceConfig,
    TrainConfig,
)
from exedec_tf.models.checkpoint_config import (
    InferredCheckpointConfig,
    infer_checkpoint_config,
)
from exedec_tf.models.flax_checkpoint import (
    FlaxCheckpoint,
    convert_checkpoint,
    read_flax_checkpoint,
)
from exedec_tf.models.model_type import ModelType
from exedec_tf.models.paper_configs import paper_sizes
from exedec_tf.models.train_checkpoint_location import (
    TrainCheckpointLocation,
    locate_train_checkpoint,
)
from exedec_tf.models.train_hparams import format_hparam_str

_CHECKPOINT_FILE = re.compile(r"checkpoint_\d+")


def experiment_config(inferred: InferredCheckpointConfig) -> ExperimentConfig:
    """The ExperimentConfig of a train.py run, from what its checkpoint says.

    The network, the experiment, the learning rate, the seed and the
    corruption rate come from the checkpoint; the data shapes, the
    end-to-end L and T and the other training settings are the published
    ones of its domain and model type. Its name is
    `<domain>_<model type>_<hparam string>`.
    """
    sizes = paper_sizes(inferred.domain, inferred.model_type)
    hparams = inferred.hparams
    return ExperimentConfig(
        name=f"{inferred.domain}_{inferred.model_type.short}_"
        f"{format_hparam_str(hparams)}",
        domain=inferred.domain,
        model_type=inferred.model_type,
        model=inferred.model,
        data=DataConfig(
            num_examples=sizes.num_examples,
            max_input_length=sizes.max_input_length,
            max_target_length=sizes.max_target_length,
            experiment=hparams.experiment,
        ),
        train=TrainConfig(
            learning_rate=hparams.lr,
            seed=hparams.seed,
            corruption_rate=hparams.synthesizer_corrupted_next_part_rate,
        ),
        inference=InferenceConfig(
            spec_length=sizes.end_to_end_spec_length,
            max_decode_length=sizes.end_to_end_decode_length,
        ),
    )


def read_config_json(path) -> ExperimentConfig:
    """An ExperimentConfig from a JSON file (`ExperimentConfig.to_json`).

    Raises:
      FileNotFoundError: no such file.
      ConfigError: not JSON, or not a valid config (the message names the
        file and the field).
    """
    path = pathlib.Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"config file {path} does not exist")
    try:
        values = json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise ConfigError(f"{path} is not JSON: {error}") from None
    try:
        return ExperimentConfig.from_dict(values)
    except (ConfigError, TypeError, ValueError) as error:
        raise ConfigError(f"{path}: {error}") from None


@dataclasses.dataclass(frozen=True)
class LoadedCheckpoint:
    """An original checkpoint converted to Keras."""

    # The config the model was built from (inferred or given).
    config: ExperimentConfig
    # The model holding the checkpoint's weights.
    model: keras.Model
    # The file's content (step, optimizer state, parameters).
    checkpoint: FlaxCheckpoint
    # Where the file lies in train.py's layout.
    location: TrainCheckpointLocation
    # Whether `config` was inferred from the checkpoint.
    inferred: bool


def checkpoint_config(
    location: TrainCheckpointLocation,
    checkpoint: FlaxCheckpoint,
    config: ExperimentConfig | None = None,
    domain: str | None = None,
    model_type: ModelType | str | None = None,
) -> ExperimentConfig:
    """The given config, or the one inferred from the checkpoint.

    Raises:
      ConfigError: `domain` or `model_type` together with an explicit config.
      CheckpointConfigError: the config cannot be inferred (see
        `checkpoint_config.infer_checkpoint_config`).
    """
    if config is not None:
        if domain is not None or model_type is not None:
            raise ConfigError(
                "domain and model_type are inferred only; an explicit config "
                "already names both"
            )
        return config
    inferred = infer_checkpoint_config(
        location, checkpoint.flat_params(), domain=domain, model_type=model_type
    )
    return experiment_config(inferred)


def is_original_checkpoint(path) -> bool:
    """Whether `path` is (or leads to) a `checkpoint_<step>` file of train.py.

    True for such a file, its hparam directory, and the `checkpoints/` or
    `<model_type>/` directory above a single run; False for anything else
    (Keras weights, this project's training checkpoints, missing paths).

    Raises:
      CheckpointConfigError: train.py's layout, but several runs below
        `path` (the message lists them).
    """
    try:
        location = locate_train_checkpoint(path)
    except FileNotFoundError:
        return False
    return _CHECKPOINT_FILE.fullmatch(location.file.name) is not None


def infer_config(
    path, domain: str | None = None, model_type: ModelType | str | None = None
) -> ExperimentConfig:
    """The ExperimentConfig of the train.py checkpoint at `path` (inferred).

    Args:
      path, domain, model_type: see `load_original_checkpoint`.

    Raises:
      see `load_original_checkpoint`, but no CheckpointMismatchError.
    """
    location = locate_train_checkpoint(path)
    checkpoint = read_flax_checkpoint(location.file)
    return checkpoint_config(location, checkpoint, None, domain, model_type)


def load_original_checkpoint(
    path,
    config: ExperimentConfig | None = None,
    domain: str | None = None,
    model_type: ModelType | str | None = None,
) -> LoadedCheckpoint:
    """Reads a train.py checkpoint into a Keras model of its config.

    Args:
      path: a `checkpoint_<step>` file, its hparam directory (newest step),
        or the `checkpoints/` or `<model_type>/` directory above one run.
      config: the config to build; None infers it from the checkpoint.
      domain, model_type: fill in what the checkpoint's location lacks when
        inferring (DeepCoder's model types share one vocabulary, so a
        checkpoint outside `<model_type>/checkpoints/` needs its type named).

    Raises:
      FileNotFoundError: no checkpoint at `path`.
      CheckpointFormatError: not a Flax checkpoint.
      CheckpointConfigError: the config cannot be inferred.
      CheckpointMismatchError: the parameters are not the config's model's
        (first differing path and both shapes).
    """
    location = locate_train_checkpoint(path)
    checkpoint = read_flax_checkpoint(location.file)
    resolved = checkpoint_config(location, checkpoint, config, domain, model_type)
    model = convert_checkpoint(checkpoint, resolved)
    return LoadedCheckpoint(resolved, model, checkpoint, location, config is None)


def load_original_weights(model: keras.Model, path) -> pathlib.Path:
    """Assigns a train.py checkpoint's parameters to an already built model.

    Args:
      model: an `ExeDecTransformer` of the checkpoint's config.
      path: see `load_original_checkpoint`.

    Returns:
      The checkpoint file that was read.

    Raises:
      CheckpointMismatchError: the parameters are not the model's.
      FileNotFoundError, CheckpointFormatError: see `read_flax_checkpoint`.
    """
    file = locate_train_checkpoint(path).file
    convert_checkpoint(read_flax_checkpoint(file), model)
    return file
