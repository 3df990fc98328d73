"""Stage: build (or reuse) the TFDS dataset a config trains on."""

import importlib
import pathlib

from exedec_tf.errors import ExeDecError
from exedec_tf.experiment_config import ExperimentConfig


class BuilderNotFoundError(ExeDecError, ImportError):
    """No TFDS builder of a domain can be imported."""


def builder_class(domain: str):
    """The TFDS `Builder` class of `exedec_tf.datasets.exedec_<domain>` (the
    checkout's `tfds_builders/`), looked up by name.

    Raises:
      BuilderNotFoundError: there is no builder for `domain`.
    """
    name = f"exedec_{domain}"
    try:
        module = importlib.import_module(
            f"exedec_tf.datasets.{name}.{name}_dataset_builder"
        )
    except ModuleNotFoundError as error:
        raise BuilderNotFoundError(
            f"cannot import the {name} TFDS builder ({error})"
        ) from None
    return module.Builder


def build_dataset(
    config: ExperimentConfig, data_dir, *, manual_dir=None
) -> pathlib.Path:
    """Builds the dataset of `config.data` under `data_dir`; reuses a built one.

    Args:
      config: the run; `domain` and `data` (experiment, scale, split sizes)
        choose the dataset.
      data_dir: the TFDS data directory.
      manual_dir: folder holding the released `test_data/` and `llm_data/`
        (the official layout); None downloads them.

    Returns:
      The dataset's version folder (what `train` and `evaluate` read).
    """
    import tensorflow_datasets as tfds

    from exedec_tf.data.tfds_base import ExeDecConfig

    data = config.data
    tfds_config = ExeDecConfig(
        name=data.tfds_config_name,
        experiment=data.experiment,
        scale=data.scale,
        sizes=dict(data.sizes) if data.sizes else None,
    )
    builder = builder_class(config.domain)(config=tfds_config, data_dir=str(data_dir))
    download_config = tfds.download.DownloadConfig(
        manual_dir=str(manual_dir) if manual_dir else None
    )
    builder.download_and_prepare(download_config=download_config)
    return pathlib.Path(builder.data_dir)
