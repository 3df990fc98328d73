"""The per-shard seed recipe of the original data-generation workers."""

import hashlib
import random

from exedec_tf.experiments import parse_experiment

SPLITS = ("train", "valid", "test")


def check_split(split: str) -> str:
    """Returns `split` if it is one of train/valid/test, else raises ValueError."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {SPLITS}")
    return split


def shard_seed(experiment, split: str, shard: int, seed: int) -> int:
    """The integer seed of one generation shard.

    It is the first 8 hex digits of md5("<EXPERIMENT>-<split>-<shard>-<seed>"),
    read as an integer, exactly as the original workers seeded Python's RNG.
    """
    exp = parse_experiment(experiment)
    check_split(split)
    if not isinstance(shard, int) or shard < 0:
        raise ValueError(f"shard must be a non-negative int, got {shard!r}")
    if not isinstance(seed, int):
        raise ValueError(f"seed must be an int, got {seed!r}")
    phrase = f"{exp.name}-{split}-{shard}-{seed}"
    return int(hashlib.md5(phrase.encode("utf-8")).hexdigest()[:8], 16)


def shard_rng(experiment, split: str, shard: int, seed: int) -> random.Random:
    """A private Mersenne-Twister RNG in the state the original worker started in.

    `random.Random(n)` follows the same sequence as `random.seed(n)` on the
    global instance, so generators stay exact without touching global state.
    """
    return random.Random(shard_seed(experiment, split, shard, seed))
