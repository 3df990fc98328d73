"""Tests of exedec_tf.training.data: errors that name the bad input, and that
length-bucketed batches keep the loss of fully padded ones.

Loading a real built dataset is exercised by the README's training path; the
pipeline itself is tested in tests/data/pipeline_test.py.
"""

import keras
import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.configs import get_config
from exedec_tf.errors import ConfigError
from exedec_tf.models import create_model
from exedec_tf.models.exedec_transformer import OUTPUT_STRIDE
from exedec_tf.training import data
from exedec_tf.training.loss import GroupedTokenLoss

MODELS = ("spec_decomposer", "synthesizer", "joint", "baseline")


def test_missing_dataset_names_the_folder(tmp_path):
    config = get_config("robustfill_synthesizer_tiny")
    with pytest.raises(FileNotFoundError, match="no prepared TFDS dataset at"):
        data.load_examples(config, tmp_path / "nothing")


# Length buckets: a trimmed batch must give the fully padded batch's loss,
# gradients and logits (float32 rounding only), for every model type.

_CONFIGS = [f"{d}_{m}_tiny" for d in ("robustfill", "deepcoder") for m in MODELS]


def _padded_batch(config, seed=0, batch_size=4):
    """Random ids with short real lengths in the config's full shapes.

    Every SpecDecomposer target has separators, and the longest one ends on
    `separator EOS` (an empty last part) and fills its 12-token bucket: the
    case the spare target position is for.
    """
    rng = np.random.default_rng(seed)
    cfg, data_cfg = config.model, config.data
    n, length, t = (
        data_cfg.num_examples,
        data_cfg.max_input_length,
        data_cfg.max_target_length,
    )

    def specs():
        ids = np.zeros((batch_size, n, length), np.int32)
        for b in range(batch_size):
            for e in range(n):
                k = rng.integers(1, min(length, 11) + 1)
                ids[b, e, :k] = rng.integers(3, cfg.vocab_size, k)
        return ids

    targets = np.zeros((batch_size, t), np.int32)
    for b in range(batch_size):
        k = 12 if b == 0 else rng.integers(2, 10)
        k = min(k, t)
        targets[b, : k - 1] = rng.integers(3, cfg.output_vocab_size, k - 1)
        if cfg.separator_token_id > 0:
            targets[b, 1 : k - 1 : 3] = cfg.separator_token_id
            targets[b, k - 2] = cfg.separator_token_id
        targets[b, k - 1] = 2
    return {"inputs": specs(), "outputs": specs(), "targets": targets}


def _trimmed(config, batch):
    ds = data.trim_batches(config, tf.data.Dataset.from_tensors(batch))
    return {k: v.numpy() for k, v in next(iter(ds)).items()}


def _loss_and_gradients(model, batch):
    """Per-example token-loss sums, logits, and gradients of the grouped loss."""
    targets = tf.constant(batch["targets"])
    with tf.GradientTape() as tape:
        logits = model(batch, training=False)
        loss = tf.reduce_mean(GroupedTokenLoss(2).call(targets, logits))
    token = keras.losses.sparse_categorical_crossentropy(
        targets, logits, from_logits=True
    ) * tf.cast(targets > 0, tf.float32)
    gradients = [
        tf.convert_to_tensor(g).numpy()
        for g in tape.gradient(loss, model.trainable_variables)
    ]
    return tf.reduce_sum(token, axis=1).numpy(), logits.numpy(), gradients


def _assert_same_numerics(model, full, trimmed):
    per_example, logits, gradients = _loss_and_gradients(model, full)
    per_example_t, logits_t, gradients_t = _loss_and_gradients(model, trimmed)
    np.testing.assert_allclose(per_example_t, per_example, rtol=1e-5, atol=1e-6)
    real = full["targets"][:, : logits_t.shape[1]] > 0
    np.testing.assert_allclose(
        logits_t[real], logits[:, : logits_t.shape[1]][real], rtol=1e-4, atol=1e-5
    )
    for got, want in zip(gradients_t, gradients, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("name", _CONFIGS)
def test_bucketed_batch_has_the_padded_loss_and_gradients(name):
    config = get_config(name)
    assert config.train.length_buckets and config.model.use_relative_attention
    full = _padded_batch(config)
    trimmed = _trimmed(config, full)
    # Inputs, outputs and targets shrink (module docstring).
    assert config.model.max_len == config.data.max_input_length
    assert trimmed["inputs"].shape[-1] == 12 < config.data.max_input_length
    assert trimmed["outputs"].shape[-1] == 12
    assert trimmed["targets"].shape[1] == min(16, config.data.max_target_length)
    model = create_model(config.model_type, config.model)
    _assert_same_numerics(model, full, trimmed)


def test_without_relative_attention_outputs_are_trimmed_too():
    config = get_config("robustfill_spec_decomposer_tiny").override(
        {"model.use_relative_attention": False}
    )
    full = _padded_batch(config)
    trimmed = _trimmed(config, full)
    assert trimmed["outputs"].shape[-1] == 12
    _assert_same_numerics(create_model(config.model_type, config.model), full, trimmed)


@pytest.mark.parametrize(
    "name", ["robustfill_synthesizer_tiny", "deepcoder_spec_decomposer_tiny"]
)
def test_trimmed_outputs_need_the_padded_stride(name):
    """Why trimmed batches carry `output_stride`: over the flattened
    `[N * Lo]` encoding the cross-attention positions depend on Lo, so
    trimmed outputs decoded at their own length change the loss."""
    config = get_config(name)
    full = _padded_batch(config)
    cut = dict(full, outputs=full["outputs"][..., :12])
    model = create_model(config.model_type, config.model)
    per_example, _, _ = _loss_and_gradients(model, full)
    per_example_cut, _, _ = _loss_and_gradients(model, cut)
    assert np.max(np.abs(per_example_cut - per_example)) > 1e-3
    stride = np.full([4], config.data.max_input_length, np.int32)
    per_example_stride, _, _ = _loss_and_gradients(
        model, dict(cut, **{OUTPUT_STRIDE: stride})
    )
    np.testing.assert_allclose(per_example_stride, per_example, rtol=1e-5, atol=1e-6)


def test_trimmed_batches_carry_the_padded_output_length():
    config = get_config("robustfill_spec_decomposer_tiny")
    trimmed = _trimmed(config, _padded_batch(config))
    assert list(trimmed[OUTPUT_STRIDE]) == [config.data.max_input_length] * 4


def test_spec_decomposer_targets_keep_one_spare_position():
    """A target ending `| EOS` that fills its bucket exactly would put the
    separator last in the decoder input, where the aligned positions' roll
    wraps it round to position 0."""
    config = get_config("robustfill_spec_decomposer_tiny")
    full = _padded_batch(config)
    model = create_model(config.model_type, config.model)
    per_example, _, _ = _loss_and_gradients(model, full)
    exact = dict(full, targets=full["targets"][:, :12])
    per_example_exact, _, _ = _loss_and_gradients(model, exact)
    assert abs(per_example_exact[0] - per_example[0]) > 1e-3
    np.testing.assert_allclose(per_example_exact[1:], per_example[1:], rtol=1e-5)


def test_length_buckets_off_leaves_batches_padded():
    config = get_config("robustfill_spec_decomposer_tiny", length_buckets=False)
    full = _padded_batch(config)
    assert data.bucketed_lengths(config) == ({}, {})
    trimmed = _trimmed(config, full)
    assert sorted(trimmed) == sorted(full)
    for key, value in trimmed.items():
        assert value.shape == full[key].shape


def test_the_config_names_a_non_bool_length_buckets():
    with pytest.raises(ConfigError, match="length_buckets must be a bool"):
        get_config("robustfill_synthesizer_tiny", length_buckets=1)
