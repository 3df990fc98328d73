"""Tests of exedec_tf.training.loss."""

import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.training.loss import GroupedTokenLoss


def _reference(targets, logits, group):
    logp = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
    token = -np.take_along_axis(logp, targets[..., None], -1)[..., 0]
    w = (targets > 0).astype(np.float64)
    groups = []
    for g in range(0, len(targets), group):
        groups.append(
            (token[g : g + group] * w[g : g + group]).sum() / w[g : g + group].sum()
        )
    return np.mean(groups)


def test_mean_of_group_token_means():
    rng = np.random.default_rng(0)
    targets = rng.integers(0, 5, size=(8, 6))
    targets[:, 0] = 1  # every group has at least one real token
    targets[4:, 3:] = 0  # groups with different token counts
    logits = rng.normal(size=(8, 6, 5)).astype(np.float32)
    loss = GroupedTokenLoss(group_size=4)(tf.constant(targets), tf.constant(logits))
    np.testing.assert_allclose(float(loss), _reference(targets, logits, 4), rtol=1e-5)
    # One group = the plain token mean over the batch.
    whole = GroupedTokenLoss(group_size=8)(tf.constant(targets), tf.constant(logits))
    np.testing.assert_allclose(float(whole), _reference(targets, logits, 8), rtol=1e-5)


def test_padding_does_not_count():
    targets = np.array([[3, 2, 0, 0]])
    logits = np.zeros((1, 4, 5), np.float32)
    logits[0, 2:, :] = 100 * np.arange(5)  # padding positions: huge loss if counted
    loss = GroupedTokenLoss(group_size=1)(tf.constant(targets), tf.constant(logits))
    np.testing.assert_allclose(float(loss), np.log(5), rtol=1e-6)


def test_batch_not_multiple_of_group_is_named():
    with pytest.raises(ValueError, match="batch 3 is not a multiple of group_size 2"):
        GroupedTokenLoss(group_size=2)(tf.ones((3, 4), tf.int32), tf.zeros((3, 4, 5)))
