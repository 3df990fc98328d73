"""Loading a built TFDS dataset as the model examples of an experiment config,
and which of a batch's fields may be trimmed to bucketed lengths.

Length buckets (`TrainConfig.length_buckets`) trim a training batch's padding
(`exedec_tf.data.length_buckets`) only where the model's numerics cannot see
it. Checked per model type (tests/training/data_test.py), with relative
attention, as every registered config has:

* `inputs` `[B, N, Li]`: trimmed, for all four model types. The encoder's
  relative positions are within one example, and padding keys are masked.
* `targets` `[B, T]`: trimmed, for all four, keeping one padding position
  after the longest target: the SpecDecomposer's aligned positions roll the
  decoder input circularly, so its last position must stay EOS or padding
  (as it is at the full length, unless a target fills it).
* `outputs` `[B, N, Lo]`: trimmed, for all four. The decoder cross-attends
  to the flattened `[N * Lo]` encoding with relative positions
  `e * Lo + j - t` (aligned ones too), which depend on Lo; a trimmed batch
  therefore carries `output_stride` (the padded Lo, per row), and the model
  measures the positions in it (`ExeDecTransformer.call`). Without relative
  attention (sinusoids restart per example and the cross-attention has no
  positional term) no stride is needed.

The loss, its gradients and the metrics are then those of the fully padded
batch up to float32 rounding; dropout draws differ (the masks have other
shapes), so a run is repeatable but not bit-equal to an unbucketed one.
"""

import pathlib

import tensorflow as tf
import tensorflow_datasets as tfds

from exedec_tf.data import length_buckets, pipeline
from exedec_tf.errors import ConfigError
from exedec_tf.models.exedec_transformer import OUTPUT_STRIDE


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


def bucketed_lengths(config) -> tuple[dict[str, tuple[int, ...]], dict[str, int]]:
    """(field -> bucket ladder, field -> spare padding) of `config`'s batches.

    Empty when `config.train.length_buckets` is off. See the module docstring
    for why each field is or is not trimmed.
    """
    if not config.train.length_buckets:
        return {}, {}
    data = config.data
    buckets = {
        "inputs": length_buckets.bucket_lengths(data.max_input_length),
        "targets": length_buckets.bucket_lengths(data.max_target_length),
    }
    buckets["outputs"] = length_buckets.bucket_lengths(data.max_input_length)
    return buckets, {"targets": 1}


def trim_batches(config, batches: tf.data.Dataset) -> tf.data.Dataset:
    """`batches` with each field trimmed to its bucket (as `config` allows)."""
    buckets, spare = bucketed_lengths(config)
    if not buckets:
        return batches
    if config.model.use_relative_attention:
        padded = config.data.max_input_length

        def with_stride(batch):
            rows = tf.shape(batch["outputs"])[0]
            return dict(batch, **{OUTPUT_STRIDE: tf.fill([rows], padded)})

        batches = batches.map(with_stride, deterministic=True)
    return length_buckets.trim_to_buckets(batches, buckets, spare)
