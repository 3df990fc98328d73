import pytest

from exedec_tf.data.split_sizes import (
    GENERATED_SPLITS,
    SCALES,
    SPLIT_SIZES,
    SplitSize,
    check_scale,
    split_sizes,
)
from exedec_tf.errors import ConfigError


def test_every_domain_has_every_scale_and_split():
    for domain, scales in SPLIT_SIZES.items():
        assert tuple(scales) == SCALES, domain
        for sizes in scales.values():
            assert tuple(sizes) == GENERATED_SPLITS


def test_scales_grow():
    for scales in SPLIT_SIZES.values():
        train = [scales[s]["train"].num_tasks for s in SCALES]
        assert train == sorted(train, reverse=True)


def test_overrides_replace_one_split():
    sizes = split_sizes("deepcoder", "tiny", {"train": [4, 20, 10]})
    assert sizes["train"] == SplitSize(4, 20, 10)
    assert sizes["valid"] == SPLIT_SIZES["deepcoder"]["tiny"]["valid"]
    # The table itself is untouched.
    assert SPLIT_SIZES["deepcoder"]["tiny"]["train"] == SplitSize(1, 20, 10)


@pytest.mark.parametrize(
    "args, match",
    [
        (("scan", "tiny"), "'scan'"),
        (("robustfill", "huge"), "'huge'"),
        (("robustfill", "tiny", {"dev": [1, 1]}), "'dev'"),
        (("robustfill", "tiny", {"train": [1, -1]}), "non-negative"),
    ],
)
def test_bad_arguments_are_named(args, match):
    with pytest.raises(ConfigError, match=match):
        split_sizes(*args)


def test_check_scale():
    assert check_scale("small") == "small"
    with pytest.raises(ConfigError, match="'medium'"):
        check_scale("medium")


def test_split_size_validation():
    assert SplitSize(3, 100, 10).num_tasks == 300
    with pytest.raises(ConfigError, match="programs_per_search must be >= 1"):
        SplitSize(1, 10, 0)
