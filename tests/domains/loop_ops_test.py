"""Shared LoopOps behaviour (through the RobustFill subclass)."""

import numpy as np
import pytest

from exedec_tf import domains
from exedec_tf.domains.loop_ops import LoopOps, SpecEncodingError


@pytest.mark.parametrize("name", ["robustfill", "deepcoder"])
def test_every_domain_has_loop_ops(name):
    assert isinstance(domains.get(name).loop_ops(), LoopOps)


def test_encode_spec_pads_truncates_or_refuses():
    ops = domains.get("robustfill").loop_ops()
    assert ops.encode_spec("ab", 4, add_eos=False).dtype == np.int32
    assert ops.encode_spec("ab", 4, add_eos=True).tolist()[2:] == [2, 0]
    assert len(ops.encode_spec("abcdef", 4, add_eos=True)) == 4
    with pytest.raises(SpecEncodingError, match="needs 7 tokens"):
        ops.encode_spec("abcdef", 4, add_eos=True, strict=True)


def test_split_prediction_strips_outer_separators():
    ops = domains.get("robustfill").loop_ops()
    ids = ops.spec_tokens("|a|b||c|") + [2, 0, 0]
    assert ops.split_prediction(ids) == ["a", "b", "", "c"]
    assert ops.split_prediction([0, 0]) == [""]
