"""Where evaluation problems come from: a prepared TFDS split or a released file."""

import pathlib
from collections.abc import Iterator

from exedec_tf.data import released
from exedec_tf.errors import ConfigError
from exedec_tf.synthesis.records import Problem


def tfds_problems(
    dataset_dir, split: str = "test_released"
) -> tuple[str, list[Problem]]:
    """The problems of one split of a prepared `exedec_<domain>` TFDS dataset.

    Args:
      dataset_dir: the prepared version folder, e.g.
        `~/tensorflow_datasets/exedec_robustfill/none/1.0.0`.
      split: `test_released` (the 1000 released problems) or a generated split
        such as `test`.

    Returns:
      (domain name, problems sorted by index).

    Raises:
      FileNotFoundError: no prepared dataset there.
      ConfigError: the split does not exist.
    """
    import tensorflow_datasets as tfds

    path = pathlib.Path(dataset_dir).expanduser()
    if not (path / "dataset_info.json").is_file():
        raise FileNotFoundError(
            f"no prepared TFDS dataset at {path} (expected dataset_info.json; "
            f"build one with `tfds build exedec_<domain> "
            "--imports=exedec_tf.datasets ...`)"
        )
    builder = tfds.builder_from_directory(str(path))
    if split not in builder.info.splits:
        raise ConfigError(f"split {split!r} not in {sorted(builder.info.splits)}")
    domain = builder.info.name.removeprefix("exedec_")
    dataset = builder.as_dataset(split=split, shuffle_files=False)

    problems = [
        Problem(
            inputs=tuple(s.decode() for s in example["inputs"]),
            outputs=tuple(s.decode() for s in example["outputs"]),
            index=int(example["index"]),
            program=example["program"].decode(),
        )
        for example in tfds.as_numpy(dataset)
    ]
    # TFDS file order follows key hashes; index order makes "the first n
    # problems" and shard slices the same as in the released files.
    return domain, sorted(problems, key=lambda p: p.index)


def find_dataset(
    data_dir, domain: str, experiment, split: str, config_name: str | None = None
) -> pathlib.Path:
    """The prepared `exedec_<domain>` version folder of an experiment.

    Args:
      data_dir: the TFDS data directory.
      domain: "deepcoder" or "robustfill".
      experiment: an experiment name (e.g. "COMPOSE_NEW_OP").
      split: the split to be read; for `test_released` (the same released
        file at every scale) any built scale of the experiment will do.
      config_name: the exact builder config (e.g. `none_tiny`); by default
        the registered paper-scale config named after the experiment.

    Raises:
      FileNotFoundError: nothing built (the message says how to build it).
    """
    from exedec_tf.experiments import parse_experiment

    root = pathlib.Path(data_dir).expanduser() / f"exedec_{domain}"
    name = config_name or parse_experiment(experiment).name.lower()
    patterns = [f"{name}/*/dataset_info.json"]
    if split == "test_released" and config_name is None:
        patterns.append(f"{name}_*/*/dataset_info.json")
    for pattern in patterns:
        found = sorted(root.glob(pattern))
        if found:
            return found[-1].parent
    raise FileNotFoundError(
        f"no built exedec_{domain} dataset {name!r} under {root}; build it with "
        f"`tfds build exedec_{domain} --imports=exedec_tf.datasets --config={name} "
        f"--data_dir={data_dir}`"
    )


def released_problems(path) -> list[Problem]:
    """The problems of one released `test_data` JSONL file."""
    return [
        Problem(tuple(p.inputs), tuple(p.outputs), index=p.index, program=p.program)
        for p in released.read_test_file(path)
    ]


def shard(problems, index: int, count: int) -> Iterator[Problem]:
    """Every `count`-th problem starting at position `index`.

    Raises:
      ConfigError: index is not in [0, count).
    """
    if type(count) is not int or count < 1:
        raise ConfigError(f"shard count must be a positive int, got {count!r}")
    if type(index) is not int or not 0 <= index < count:
        raise ConfigError(f"shard index must be in [0, {count}), got {index!r}")
    for position, problem in enumerate(problems):
        if position % count == index:
            yield problem
