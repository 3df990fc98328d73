"""Where evaluation problems come from: a prepared TFDS split or a released file."""

import pathlib
from collections.abc import Iterator

from exedec_tf.data import released
from exedec_tf.synthesis.records import Problem


def tfds_problems(
    dataset_dir, split: str = "test_released"
) -> tuple[str, Iterator[Problem]]:
    """The problems of one split of a prepared `exedec_<domain>` TFDS dataset.

    Args:
      dataset_dir: the prepared version folder, e.g.
        `~/tensorflow_datasets/exedec_robustfill/none/1.0.0`.
      split: `test_released` (the 1000 released problems) or a generated split
        such as `test`.

    Returns:
      (domain name, problems in file order).

    Raises:
      FileNotFoundError: no prepared dataset there.
      ValueError: the split does not exist.
    """
    import tensorflow_datasets as tfds

    path = pathlib.Path(dataset_dir).expanduser()
    if not (path / "dataset_info.json").is_file():
        raise FileNotFoundError(
            f"no prepared TFDS dataset at {path} (expected dataset_info.json; "
            f"build one with `tfds build tfds_builders/exedec_<domain> ...`)"
        )
    builder = tfds.builder_from_directory(str(path))
    if split not in builder.info.splits:
        raise ValueError(f"split {split!r} not in {sorted(builder.info.splits)}")
    domain = builder.info.name.removeprefix("exedec_")
    dataset = builder.as_dataset(split=split, shuffle_files=False)

    def problems():
        for example in tfds.as_numpy(dataset):
            yield Problem(
                inputs=tuple(s.decode() for s in example["inputs"]),
                outputs=tuple(s.decode() for s in example["outputs"]),
                index=int(example["index"]),
                program=example["program"].decode(),
            )

    return domain, problems()


def released_problems(path) -> list[Problem]:
    """The problems of one released `test_data` JSONL file."""
    return [
        Problem(tuple(p.inputs), tuple(p.outputs), index=p.index, program=p.program)
        for p in released.read_test_file(path)
    ]


def shard(problems, index: int, count: int) -> Iterator[Problem]:
    """Every `count`-th problem starting at position `index`.

    Raises:
      ValueError: index is not in [0, count).
    """
    if type(count) is not int or count < 1:
        raise ValueError(f"shard count must be a positive int, got {count!r}")
    if type(index) is not int or not 0 <= index < count:
        raise ValueError(f"shard index must be in [0, {count}), got {index!r}")
    for position, problem in enumerate(problems):
        if position % count == index:
            yield problem
