"""One call from paths to results: what `exedec-tf evaluate` and scripts run."""

import dataclasses
import itertools

from exedec_tf.errors import ConfigError
from exedec_tf.evaluation import problems as problem_sources
from exedec_tf.evaluation.runner import evaluate
from exedec_tf.synthesis import loading
from exedec_tf.synthesis.options import LoopOptions


def evaluate_from_paths(
    out_dir,
    model_paths: loading.ModelPaths,
    *,
    dataset_dir=None,
    split: str = "test_released",
    released_file=None,
    domain: str | None = None,
    data_dir=None,
    experiment: str | None = None,
    config_name: str | None = None,
    options: LoopOptions | None = None,
    batch_size: int = 1,
    shard_index: int = 0,
    shard_count: int = 1,
    num_problems: int | None = None,
    progress: bool = True,
    models: dict | None = None,
) -> dict:
    """Evaluates one method on a split and writes the shard's results.

    Args:
      out_dir: results folder.
      model_paths: SavedModel paths (they also fix the method).
      dataset_dir: a prepared `exedec_<domain>` TFDS version folder ...
      split: ... and its split (`test_released` or a generated one).
      released_file: or a released `test_data` JSONL file instead.
      domain: the domain; required with `released_file` or `data_dir`,
        checked otherwise.
      data_dir, experiment, config_name: or find the dataset folder in a TFDS
        data directory (see `problems.find_dataset`).
      options: loop options; the model paths set `prediction_type`.
      batch_size, shard_index, shard_count, progress: see `runner.evaluate`.
      num_problems: use only the first n problems of the split (all if None).
      models: already loaded models (keyword arguments of `runner.evaluate`),
        used instead of loading `model_paths` (tests, in-process models).

    Returns:
      The shard's summary (settings, totals, problems).
    """
    if data_dir is not None:
        if dataset_dir is not None or domain is None or experiment is None:
            raise ConfigError(
                "data_dir needs a domain and an experiment (and no dataset_dir)"
            )
        dataset_dir = problem_sources.find_dataset(
            data_dir, domain, experiment, split, config_name
        )
    if (dataset_dir is None) == (released_file is None):
        raise ConfigError(
            "give exactly one of dataset_dir, data_dir (with domain and "
            "experiment) and released_file"
        )
    if dataset_dir is not None:
        found, problems = problem_sources.tfds_problems(dataset_dir, split)
        if domain is not None and domain != found:
            raise ConfigError(f"{dataset_dir} holds {found} data, not {domain}")
        domain, source = found, {"dataset_dir": str(dataset_dir), "split": split}
    else:
        if domain is None:
            raise ConfigError("released_file needs a domain")
        problems = problem_sources.released_problems(released_file)
        source = {"released_file": str(released_file)}
    if num_problems is not None:
        problems = itertools.islice(problems, num_problems)
    method = model_paths.method
    options = LoopOptions() if options is None else options
    if method != "baseline":
        options = dataclasses.replace(options, prediction_type=method)
    if models is None:
        models = loading.load_models(model_paths, domain)
    settings = {
        **source,
        "num_problems": num_problems,
        "models": {k: v for k, v in vars(model_paths).items() if v},
    }
    return evaluate(
        problems,
        domain,
        out_dir,
        options=options,
        batch_size=batch_size,
        shard_index=shard_index,
        shard_count=shard_count,
        settings=settings,
        progress=progress,
        **models,
    )
