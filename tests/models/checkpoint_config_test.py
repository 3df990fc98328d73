"""Inferring a train.py checkpoint's config from its hparam string and shapes."""

import dataclasses

import numpy as np
import pytest

from exedec_tf.models import create_model, get_flax_params
from exedec_tf.models.checkpoint_config import infer_checkpoint_config, param_shapes
from exedec_tf.models.flax_checkpoint import write_flax_checkpoint
from exedec_tf.models.train_checkpoint_location import locate_train_checkpoint
from exedec_tf.models.train_hparams import CheckpointConfigError, format_hparam_str
from tests.models.train_checkpoints import small_config, write_train_checkpoint


def test_shapes_give_every_size(small_synthesizer):
    _, _, params = small_synthesizer
    shapes = param_shapes(params)
    assert (shapes.vocab_size, shapes.output_vocab_size) == (87, 316)
    assert (shapes.emb_dim, shapes.num_heads, shapes.qkv_dim) == (64, 2, 64)
    assert (shapes.mlp_dim, shapes.num_layers) == (96, 2)
    assert set(shapes.buckets.values()) == {8}


def test_whole_config_from_a_train_py_directory(tmp_path, small_synthesizer):
    config, hparams, params = small_synthesizer
    folder = write_train_checkpoint(
        tmp_path, "robustfill", "synthesizer_model", hparams, params, (100, 2000, 300)
    )
    # The model-type directory, the checkpoints/ directory, the hparam
    # directory (its newest step) and one file all work.
    for path in (folder.parent.parent, folder.parent, folder):
        location = locate_train_checkpoint(path)
        assert location.file.name == "checkpoint_2000"
        assert (location.domain, location.model_type) == (
            "robustfill",
            "synthesizer_model",
        )
        assert location.hparams == hparams
    location = locate_train_checkpoint(folder / "checkpoint_100")
    assert location.file.name == "checkpoint_100"
    inferred = infer_checkpoint_config(location, params)
    assert inferred.model == config
    assert (inferred.domain, inferred.model_type) == ("robustfill", "synthesizer_model")


def test_model_type_from_vocabularies_when_the_path_lacks_it(tmp_path):
    config, hparams = small_config(
        model_type="spec_decomposer_model", aligned_relative_attention=True
    )
    params = get_flax_params(create_model("spec_decomposer_model", config))
    folder = tmp_path / format_hparam_str(hparams)
    write_flax_checkpoint(folder / "checkpoint_7", params)
    location = locate_train_checkpoint(folder)
    assert location.model_type is None and location.domain is None
    inferred = infer_checkpoint_config(location, params)
    # RobustFill's spec vocabulary on both sides: only the spec decomposer.
    assert inferred.model_type == "spec_decomposer_model"
    assert inferred.model == config and inferred.model.separator_token_id == 86


def test_deepcoder_needs_the_model_type_from_the_path_or_the_caller(tmp_path):
    config, hparams = small_config(
        "deepcoder", "joint_model", use_relative_attention=False
    )
    params = get_flax_params(create_model("joint_model", config))
    folder = tmp_path / format_hparam_str(hparams)
    write_flax_checkpoint(folder / "checkpoint_1", params)
    location = locate_train_checkpoint(folder)
    with pytest.raises(CheckpointConfigError, match="fit deepcoder spec_decomposer"):
        infer_checkpoint_config(location, params)
    inferred = infer_checkpoint_config(location, params, model_type="joint")
    assert inferred.model == config and not inferred.model.use_relative_attention
    laid_out = write_train_checkpoint(
        tmp_path / "runs", "deepcoder", "joint_model", hparams, params
    )
    located = locate_train_checkpoint(laid_out)
    assert infer_checkpoint_config(located, params).model == config
    with pytest.raises(CheckpointConfigError, match="the path says 'joint_model'"):
        infer_checkpoint_config(located, params, model_type="synthesizer")


def test_hparams_contradicting_the_shapes(tmp_path, small_synthesizer):
    _, hparams, params = small_synthesizer
    for changes, message in (
        ({"embedding_dim": 32}, "ed=32 but its parameters have embedding width 64"),
        ({"num_position_buckets": 16}, "npb=16 but .* 8"),
        ({"use_relative_attention": False}, "ura=False but .* relative attention True"),
    ):
        wrong = dataclasses.replace(hparams, **changes)
        folder = write_train_checkpoint(
            tmp_path / str(changes), "robustfill", "synthesizer_model", wrong, params
        )
        with pytest.raises(CheckpointConfigError, match=message):
            infer_checkpoint_config(locate_train_checkpoint(folder), params)


def test_a_path_type_that_contradicts_the_vocabularies(tmp_path, small_synthesizer):
    _, hparams, params = small_synthesizer
    folder = write_train_checkpoint(
        tmp_path, "robustfill", "spec_decomposer_model", hparams, params
    )
    with pytest.raises(CheckpointConfigError, match="not spec_decomposer_model"):
        infer_checkpoint_config(locate_train_checkpoint(folder), params)


def test_inconsistent_block_counts_are_named(small_synthesizer):
    _, _, params = small_synthesizer
    broken = {
        p: a
        for p, a in params.items()
        if not p.startswith("decoder/encoderdecoderblock_1/")
    }
    with pytest.raises(CheckpointConfigError, match="decoder/encoderdecoderblock 1"):
        param_shapes(broken)
    assert np.shape(params["encoder/embed/embedding"]) == (87, 64)
