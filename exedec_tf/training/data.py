"""Loading a built TFDS dataset as the model examples of an experiment config."""

import pathlib

import tensorflow as tf
import tensorflow_datasets as tfds

from exedec_tf.data import pipeline
from exedec_tf.errors import ConfigError


def load_examples(
    config, dataset_dir, split: str = "train", corruption_rate: float | None = None
) -> tf.data.Dataset:
    """Unbatched model examples of `split` from a prepared TFDS dataset folder.

    Args:
      config: a `ExperimentConfig` (domain, model type, shapes).
      dataset_dir: the prepared dataset version folder, e.g.
        `~/tensorflow_datasets/exedec_robustfill/compose_new_op_tiny/1.0.0`.
      split: the TFDS split to read, in file order (the original never shuffled).
      corruption_rate: overrides the config's synthesizer corruption rate.
    """
    path = pathlib.Path(dataset_dir).expanduser()
    if not (path / "dataset_info.json").is_file():
        raise FileNotFoundError(
            f"no prepared TFDS dataset at {path} (expected dataset_info.json; "
            f"build one with `tfds build exedec_<domain> "
            "--imports=exedec_tf.datasets ...`)"
        )
    builder = tfds.builder_from_directory(str(path))
    domain = builder.info.name.removeprefix("exedec_")
    if domain != config.domain:
        raise ConfigError(
            f"dataset {builder.info.name} does not match config {config.name} "
            f"(domain {config.domain})"
        )
    if split not in builder.info.splits:
        raise ConfigError(f"split {split!r} not in {sorted(builder.info.splits)}")
    rate = config.train.corruption_rate if corruption_rate is None else corruption_rate
    return pipeline.model_examples(
        builder.as_dataset(split=split, shuffle_files=False),
        domain=config.domain,
        model_type=config.model_type,
        num_examples=config.data.num_examples,
        max_input_length=config.data.max_input_length,
        max_target_length=config.data.max_target_length,
        corruption_rate=rate,
        seed=config.train.seed,
    )
