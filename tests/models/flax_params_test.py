"""Tests of the Flax parameter mapping (models.md §10)."""

import numpy as np
import pytest

from exedec_tf.models import (
    ExeDecTransformer,
    TransformerConfig,
    flax_param_paths,
    flax_path_of,
    get_flax_params,
    set_flax_params,
)
from tests.test_case import seeded

# The small config of models.md §10.2.
SMALL = TransformerConfig(
    vocab_size=20,
    output_vocab_size=25,
    emb_dim=16,
    qkv_dim=16,
    mlp_dim=32,
    num_heads=2,
    num_layers=2,
    use_relative_attention=True,
    num_input_relative_position_buckets=32,
    num_output_relative_position_buckets=32,
    num_input_cross_output_relative_position_buckets=32,
    num_program_relative_position_buckets=32,
    num_program_cross_embed_relative_position_buckets=32,
)


def expected_tree(relative=True):
    """The §10.2 listing, re-derived from the §10.1 naming rules."""
    d, f, h, dh, nb = 16, 32, 2, 8, 32
    self_name = "RelativeSelfAttention_0" if relative else "SelfAttention_0"
    cross_name = (
        "RelativeMultiHeadDotProductAttention_0"
        if relative
        else "MultiHeadDotProductAttention_0"
    )

    def norm(path):
        return {f"{path}/scale": (d,), f"{path}/bias": (d,)}

    def attention(path):
        tree = {f"{path}/{n}/kernel": (d, h, dh) for n in ("query", "key", "value")}
        tree[f"{path}/out/kernel"] = (h, dh, d)
        if relative:
            tree[f"{path}/Embed_0/embedding"] = (nb, h)
        return tree

    def mlp(path):
        return {
            f"{path}/Dense_0/kernel": (d, f),
            f"{path}/Dense_0/bias": (f,),
            f"{path}/Dense_1/kernel": (f, d),
            f"{path}/Dense_1/bias": (d,),
        }

    tree = {
        "encoder/embed/embedding": (20, d),
        "decoder/embed_output/embedding": (25, d),
    }
    tree.update(norm("encoder/encoder_norm"))
    tree.update(norm("encoder/encoderdecoder_norm"))
    tree.update(norm("decoder/encoderdecoder_norm"))
    tree["decoder/logitdense/kernel"] = (d, 25)
    tree["decoder/logitdense/bias"] = (25,)
    for layer in range(2):
        block = f"encoder/encoderblock_{layer}"
        tree.update(norm(f"{block}/LayerNorm_0"))
        tree.update(norm(f"{block}/LayerNorm_1"))
        tree.update(attention(f"{block}/{self_name}"))
        tree.update(mlp(f"{block}/MLPBlock_0"))
        for stack in ("encoder", "decoder"):
            block = f"{stack}/encoderdecoderblock_{layer}"
            for k in range(3):
                tree.update(norm(f"{block}/LayerNorm_{k}"))
            tree.update(attention(f"{block}/{self_name}"))
            tree.update(attention(f"{block}/{cross_name}"))
            tree.update(mlp(f"{block}/MLPBlock_0"))
    return tree


@pytest.fixture(scope="module")
def model():
    seeded(0)
    return ExeDecTransformer(SMALL, name="whatever")


def test_listing_matches_spec(model):
    params = flax_param_paths(model)
    got = {p.flax_path: p.shape for p in params}
    assert got == expected_tree()
    assert len(params) == 116
    assert sum(int(np.prod(p.shape)) for p in params) == 19_065
    assert [p.flax_path for p in params] == sorted(got)
    for p in params:
        assert p.variable.path == f"whatever/{p.flax_path}"


def test_non_relative_listing():
    model = ExeDecTransformer(SMALL.replace(use_relative_attention=False))
    got = {p.flax_path: p.shape for p in flax_param_paths(model)}
    assert got == expected_tree(relative=False)
    assert model.count_params() == 18_425  # models.md §10.2


def test_round_trip_flat_and_nested(model):
    rng = np.random.default_rng(1)
    params = {
        k: rng.standard_normal(v.shape) for k, v in get_flax_params(model).items()
    }
    set_flax_params(model, params)
    got = get_flax_params(model)
    for k, v in params.items():
        np.testing.assert_array_equal(got[k], v.astype(np.float32))
    nested = {}
    for path, value in params.items():
        node = nested
        *parents, leaf = path.split("/")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = -value
    set_flax_params(model, nested)
    np.testing.assert_array_equal(
        get_flax_params(model)["encoder/embed/embedding"],
        -params["encoder/embed/embedding"].astype(np.float32),
    )


def test_mismatches_assign_nothing(model):
    params = get_flax_params(model)
    before = params["decoder/logitdense/bias"].copy()
    bad = {k: v + 1 for k, v in params.items()}
    bad["decoder/logitdense/kernel"] = np.zeros((3, 3))
    with pytest.raises(ValueError, match="logitdense/kernel"):
        set_flax_params(model, bad)
    np.testing.assert_array_equal(
        get_flax_params(model)["decoder/logitdense/bias"], before
    )
    missing = dict(params)
    del missing["encoder/embed/embedding"]
    missing["encoder/extra"] = np.zeros(1)
    with pytest.raises(ValueError, match="missing.*embed.*unexpected.*extra"):
        set_flax_params(model, missing)


def test_flax_path_of():
    assert flax_path_of("m/encoder/embed/embedding") == "encoder/embed/embedding"
    assert flax_path_of("decoder/logitdense/bias") == "decoder/logitdense/bias"
    with pytest.raises(ValueError):
        flax_path_of("m/seed_generator_state")
