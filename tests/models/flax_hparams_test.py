"""Inferring a train.py checkpoint's config from its hparam string and shapes."""

import dataclasses

import numpy as np
import pytest

from exedec_tf.models import create_model, get_flax_params, paper_config
from exedec_tf.models.flax_checkpoint import write_flax_checkpoint
from exedec_tf.models.flax_hparams import (
    CheckpointConfigError,
    TrainHparams,
    format_hparam_str,
    infer_checkpoint_config,
    locate_train_checkpoint,
    param_shapes,
    parse_hparam_str,
)

PUBLISHED = (
    "adr=0.1,ara=True,dr=0.1,e=NONE,ed=512,hd=1024,l=0.0002,md=200,mpced=800,"
    "npb=32,s=10,scnpr=0.0,ura=True"
)
# A non-standard run: 2 layers, 2 heads, width 64, 8 buckets.
SMALL = TrainHparams(
    attention_dropout_rate=0.0,
    aligned_relative_attention=False,
    dropout_rate=0.05,
    experiment="COMPOSE_NEW_OP",
    embedding_dim=64,
    hidden_dim=96,
    lr=0.001,
    max_distance=16,
    max_program_cross_embed_distance=40,
    num_position_buckets=8,
    seed=3,
    synthesizer_corrupted_next_part_rate=0.0,
    use_relative_attention=True,
)


def small_config(domain="robustfill", model_type="synthesizer_model", **changes):
    """What train.py builds for SMALL (its flags spelled out)."""
    h = dataclasses.replace(SMALL, **changes)
    nb, md = h.num_position_buckets, h.max_distance
    return paper_config(
        domain,
        model_type,
        emb_dim=h.embedding_dim,
        qkv_dim=h.embedding_dim,
        mlp_dim=h.hidden_dim,
        num_heads=2,
        num_layers=2,
        dropout_rate=h.dropout_rate,
        attention_dropout_rate=h.attention_dropout_rate,
        use_relative_attention=h.use_relative_attention,
        num_input_relative_position_buckets=nb,
        max_input_distance=md,
        num_output_relative_position_buckets=nb,
        max_output_distance=md,
        num_input_cross_output_relative_position_buckets=nb,
        max_input_cross_output_distance=md,
        num_program_relative_position_buckets=nb,
        max_program_distance=md,
        num_program_cross_embed_relative_position_buckets=nb,
        max_program_cross_embed_distance=h.max_program_cross_embed_distance,
        aligned_relative_attention=h.aligned_relative_attention,
    ), h


def write_train_checkpoint(root, domain, model_type, hparams, params, steps=(0,)):
    """Writes checkpoints where train.py puts them; returns the hparam dir."""
    folder = root / domain / model_type / "checkpoints" / format_hparam_str(hparams)
    for step in steps:
        write_flax_checkpoint(folder / f"checkpoint_{step}", params, step=step)
    return folder


def test_published_string_round_trips():
    hparams = parse_hparam_str(PUBLISHED)
    assert hparams.embedding_dim == 512 and hparams.lr == 0.0002
    assert hparams.aligned_relative_attention is True and hparams.experiment == "NONE"
    assert format_hparam_str(hparams) == PUBLISHED
    assert format_hparam_str(SMALL).startswith("adr=0.0,ara=False,dr=0.05,e=COMPOSE")


@pytest.mark.parametrize(
    "text, message",
    [
        (PUBLISHED.replace("ed=512", "ed=5x"), r"ed='5x' is not an integer"),
        (PUBLISHED.replace("ura=True", "ura=true"), r"ura='true' is not True or False"),
        (PUBLISHED.replace("e=NONE", "e=FOO"), r"e='FOO' is not an experiment"),
        (PUBLISHED + ",xx=1", r"unknown key 'xx'"),
        (PUBLISHED + ",s=4", r"s given twice"),
        (PUBLISHED.replace(",npb=32", ""), r"missing npb"),
        (PUBLISHED.replace("md=200", "md200"), r"item 'md200' is not abbr=value"),
    ],
)
def test_malformed_strings_name_the_item(text, message):
    with pytest.raises(CheckpointConfigError, match=message):
        parse_hparam_str(text)


@pytest.fixture(scope="module")
def small_synthesizer():
    config, hparams = small_config()
    model = create_model("synthesizer_model", config)
    return config, hparams, get_flax_params(model)


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


def test_no_hparam_directory_or_several_runs(tmp_path, small_synthesizer):
    _, hparams, params = small_synthesizer
    write_flax_checkpoint(tmp_path / "plain" / "checkpoint_5", params)
    location = locate_train_checkpoint(tmp_path / "plain")
    assert location.hparams is None
    with pytest.raises(CheckpointConfigError, match="not lie in a train.py hparam"):
        infer_checkpoint_config(location, params)
    for seed in (1, 2):
        write_train_checkpoint(
            tmp_path / "two",
            "robustfill",
            "synthesizer_model",
            dataclasses.replace(hparams, seed=seed),
            params,
        )
    with pytest.raises(CheckpointConfigError, match="holds 2 runs; give one"):
        locate_train_checkpoint(tmp_path / "two" / "robustfill" / "synthesizer_model")
    with pytest.raises(FileNotFoundError, match="no checkpoint_<step> file"):
        locate_train_checkpoint(tmp_path / "two")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        locate_train_checkpoint(tmp_path / "missing")


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
