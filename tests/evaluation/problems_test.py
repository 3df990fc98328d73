"""Problem sources: released files, TFDS folders, shards."""

import pytest

from exedec_tf.evaluation import problems
from tests.conftest import shared_data_dir


def test_released_problems_keep_index_and_program():
    path = shared_data_dir() / "test_data" / "deepcoder" / "NONE.jsonl"
    loaded = problems.released_problems(path)
    assert len(loaded) == 1000
    assert loaded[7].index == 7 and len(loaded[7].inputs) == 3
    assert loaded[7].program.startswith("x0 = INPUT")


def test_shard_takes_every_nth_problem():
    assert list(problems.shard(range(7), 1, 3)) == [1, 4]
    with pytest.raises(ValueError, match=r"shard index must be in \[0, 3\)"):
        list(problems.shard(range(7), 3, 3))
    with pytest.raises(ValueError, match="shard count"):
        list(problems.shard(range(7), 0, 0))


def test_missing_tfds_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="no prepared TFDS dataset"):
        problems.tfds_problems(tmp_path)
