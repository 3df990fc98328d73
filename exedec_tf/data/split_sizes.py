"""How many tasks each generated TFDS split holds, per domain and scale.

This is the one table of dataset scales: the TFDS builders' JSON `scale`
and the experiment configs' `data.scale` both read it.
"""

import dataclasses
from collections.abc import Mapping, Sequence

from exedec_tf.errors import ConfigError

GENERATED_SPLITS = ("train", "valid", "test")
# Scale names, largest first: `paper` follows the original FULL generation
# scripts (64M training programs per split); `small` the scripts' default
# small setting; `tiny` is for tests, the demo and laptops.
SCALES = ("paper", "small", "tiny")


@dataclasses.dataclass(frozen=True)
class SplitSize:
    """How much of one generated split to build.

    Attributes:
      num_shards: generation shards (each has its own seed; the unit of
        parallelism under Beam).
      tasks_per_shard: tasks generated per shard.
      programs_per_search: DeepCoder only: tasks per search (one shared set
        of example inputs); `tasks_per_shard` must be a multiple of it.
    """

    num_shards: int
    tasks_per_shard: int
    programs_per_search: int | None = None

    def __post_init__(self):
        if self.num_shards < 0 or self.tasks_per_shard < 0:
            raise ConfigError(f"split sizes must be non-negative, got {self}")
        if self.programs_per_search is not None:
            if self.programs_per_search < 1:
                raise ConfigError(f"programs_per_search must be >= 1, got {self}")
            if self.tasks_per_shard % self.programs_per_search:
                raise ConfigError(
                    f"tasks_per_shard must be a multiple of programs_per_search: {self}"
                )

    @property
    def num_tasks(self) -> int:
        """Total tasks in the split."""
        return self.num_shards * self.tasks_per_shard


SPLIT_SIZES = {
    "robustfill": {
        "paper": {
            "train": SplitSize(128, 500_000),
            "valid": SplitSize(1, 10_000),
            "test": SplitSize(1, 10_000),
        },
        "small": {
            "train": SplitSize(2, 1000),
            "valid": SplitSize(1, 200),
            "test": SplitSize(1, 200),
        },
        "tiny": {
            "train": SplitSize(2, 25),
            "valid": SplitSize(1, 10),
            "test": SplitSize(1, 10),
        },
    },
    "deepcoder": {
        "paper": {
            "train": SplitSize(1000, 64 * 1000, 1000),
            "valid": SplitSize(100, 10 * 10, 10),
            "test": SplitSize(100, 10 * 10, 10),
        },
        "small": {
            "train": SplitSize(2, 1000, 1000),
            "valid": SplitSize(2, 100, 100),
            "test": SplitSize(2, 100, 100),
        },
        "tiny": {
            "train": SplitSize(1, 20, 10),
            "valid": SplitSize(1, 10, 10),
            "test": SplitSize(1, 10, 10),
        },
    },
}


def check_scale(scale: str) -> str:
    """Returns `scale` if it is a known scale name.

    Raises:
      ConfigError: unknown scale (the message lists the known ones).
    """
    if scale not in SCALES:
        raise ConfigError(f"unknown scale {scale!r}; expected one of {list(SCALES)}")
    return scale


def split_sizes(
    domain: str,
    scale: str,
    overrides: Mapping[str, SplitSize | Sequence[int]] | None = None,
) -> dict[str, SplitSize]:
    """The size of each generated split of `domain` at `scale`.

    Args:
      domain: "robustfill" or "deepcoder".
      scale: one of SCALES.
      overrides: per-split replacements, as `SplitSize`s or their fields,
        e.g. `{"train": [4, 1000]}` or, for DeepCoder, `[4, 1000, 1000]`.

    Raises:
      ConfigError: unknown domain, scale or split, or a bad size.
    """
    if domain not in SPLIT_SIZES:
        raise ConfigError(
            f"unknown domain {domain!r}; expected one of {sorted(SPLIT_SIZES)}"
        )
    sizes = dict(SPLIT_SIZES[domain][check_scale(scale)])
    for split, value in (overrides or {}).items():
        if split not in GENERATED_SPLITS:
            raise ConfigError(
                f"sizes has unknown split {split!r}; expected {GENERATED_SPLITS}"
            )
        sizes[split] = value if isinstance(value, SplitSize) else SplitSize(*value)
    return sizes
