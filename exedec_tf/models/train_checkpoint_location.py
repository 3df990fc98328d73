"""Where a checkpoint lies in train.py's directory layout, and what that says.

train.py saves to `<save_dir>/checkpoints/<hparam_str>/checkpoint_<step>`,
where the published runs use `save_dir = .../<domain>/<model_type>`: the
directories name the run's flags, its model type and its domain.
"""

import dataclasses
import pathlib

from exedec_tf.errors import ConfigError
from exedec_tf.models.flax_checkpoint import checkpoint_file
from exedec_tf.models.model_type import ModelType
from exedec_tf.models.paper_configs import DOMAINS
from exedec_tf.models.train_hparams import (
    CheckpointConfigError,
    TrainHparams,
    parse_hparam_str,
)


@dataclasses.dataclass(frozen=True)
class TrainCheckpointLocation:
    """Where a checkpoint file lies in train.py's directory layout.

    Attributes:
      file: the `checkpoint_<step>` file (the newest one for a directory).
      hparams: parsed from its directory's name, None if that is no hparam
        string.
      model_type: from the directory above `checkpoints/`, if it names one.
      domain: from the directory above that, if it names one.
    """

    file: pathlib.Path
    hparams: TrainHparams | None
    model_type: ModelType | None
    domain: str | None


def _has_checkpoints(path: pathlib.Path) -> bool:
    try:
        checkpoint_file(path)
    except FileNotFoundError:
        return False
    return True


def _model_type_named(name: str) -> ModelType | None:
    try:
        return ModelType.parse(name)
    except ConfigError:
        return None


def _run_directory(path: pathlib.Path) -> pathlib.Path:
    """The directory holding the checkpoint files (see locate_train_checkpoint)."""
    if path.is_file() or _has_checkpoints(path):
        return path
    if (path / "checkpoints").is_dir():
        path = path / "checkpoints"
    runs = sorted(p for p in path.iterdir() if p.is_dir() and _has_checkpoints(p))
    if not runs:
        raise FileNotFoundError(
            f"no checkpoint_<step> file in {path} or in a directory below it "
            f"(train.py writes <model_type>/checkpoints/<hparam_str>/checkpoint_<step>)"
        )
    if len(runs) > 1:
        raise CheckpointConfigError(
            f"{path} holds {len(runs)} runs; give one of them: "
            + ", ".join(p.name for p in runs)
        )
    return runs[0]


def locate_train_checkpoint(path) -> TrainCheckpointLocation:
    """Finds the checkpoint file and what its directories say about it.

    Args:
      path: a `checkpoint_<step>` file; an hparam directory (its newest
        step); a `checkpoints/` directory or the `<model_type>/` directory
        above it, holding one hparam directory.

    Raises:
      FileNotFoundError: no checkpoint there.
      CheckpointConfigError: several runs below `path`, or a directory name
        that looks like a malformed hparam string.
    """
    path = pathlib.Path(path).expanduser()
    if not path.exists():
        raise FileNotFoundError(f"checkpoint {path} does not exist")
    run = _run_directory(path)
    file = checkpoint_file(run)
    folder = file.parent.resolve()
    hparams = parse_hparam_str(folder.name) if "=" in folder.name else None
    model_type = domain = None
    if folder.parent.name == "checkpoints":
        model_type = _model_type_named(folder.parent.parent.name)
        if model_type is not None and folder.parent.parent.parent.name in DOMAINS:
            domain = folder.parent.parent.parent.name
    return TrainCheckpointLocation(file, hparams, model_type, domain)
