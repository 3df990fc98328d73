"""Tests of the published sizes and their parameter counts (models.md §1.3, §11)."""

import pytest

from exedec_tf.models.model_type import ModelType
from exedec_tf.models.model_types import paper_model
from exedec_tf.models.paper_configs import (
    DOMAINS,
    paper_config,
    paper_sizes,
)

# models.md §11, relative attention as trained.
PARAMETERS = {
    ("robustfill", "spec_decomposer_model"): 25_342_935,
    ("robustfill", "synthesizer_model"): 25_577_660,
    ("robustfill", "joint_model"): 25_577_660,
    ("robustfill", "baseline_model"): 25_577_660,
    ("deepcoder", "spec_decomposer_model"): 25_444_377,
    ("deepcoder", "synthesizer_model"): 25_444_377,
    ("deepcoder", "joint_model"): 25_444_377,
    ("deepcoder", "baseline_model"): 25_444_377,
}


def closed_form(v_in, v_out, relative=True):
    """models.md §11: 512·V_in + 1025·V_out + 25,209,216 (minus 15 tables)."""
    return 512 * v_in + 1025 * v_out + 25_209_216 - (0 if relative else 15 * 32 * 4)


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("model_type", list(ModelType))
def test_every_config_builds_and_matches_closed_form(domain, model_type):
    config = paper_config(domain, model_type)
    sizes = paper_sizes(domain, model_type)
    assert config.emb_dim == config.qkv_dim == 512
    assert (config.mlp_dim, config.num_heads, config.num_layers) == (1024, 4, 3)
    assert config.use_relative_attention
    assert config.dataset_type == domain
    assert config.aligned_relative_attention == (model_type == "spec_decomposer_model")
    assert config.max_program_cross_embed_distance == (
        sizes.num_examples * sizes.max_input_length
    )
    assert config.max_len == max(sizes.max_input_length, sizes.max_target_length)
    count = closed_form(config.vocab_size, config.output_vocab_size)
    assert count == PARAMETERS[(domain, model_type)]


def test_table_values():
    sizes = paper_sizes("robustfill", "baseline_model")
    assert (sizes.num_examples, sizes.max_input_length, sizes.max_target_length) == (
        4,
        200,
        132,
    )
    synth = paper_config("robustfill", "synthesizer_model")
    assert synth.max_program_distance == 20
    assert synth.max_program_cross_embed_distance == 80
    assert paper_config("robustfill", "spec_decomposer_model").separator_token_id == 86
    assert paper_config("deepcoder", "spec_decomposer_model").separator_token_id == 3
    assert paper_sizes("deepcoder", "baseline_model").max_target_length == 49
    assert paper_config("deepcoder", "joint_model", shift=False).shift is False


def test_end_to_end_lengths():
    # inference.md §2.10 and §2.11: (L, T) of the published end-to-end runs.
    expected = {
        ("robustfill", "spec_decomposer"): (200, 85),
        ("robustfill", "synthesizer"): (200, 100),
        ("robustfill", "joint"): (200, 100),
        ("robustfill", "baseline"): (200, 132),
        ("deepcoder", "spec_decomposer"): (100, 30),
        ("deepcoder", "synthesizer"): (100, 42),
        ("deepcoder", "joint"): (100, 42),
        ("deepcoder", "baseline"): (60, 49),
    }
    for (domain, model_type), lengths in expected.items():
        sizes = paper_sizes(domain, model_type)
        assert (
            sizes.end_to_end_spec_length,
            sizes.end_to_end_decode_length,
        ) == lengths, (domain, model_type)


@pytest.mark.parametrize(
    "domain,model_type",
    [
        ("robustfill", "spec_decomposer_model"),
        ("robustfill", "synthesizer_model"),
        ("deepcoder", "baseline_model"),
    ],
)
def test_paper_parameter_counts(domain, model_type):
    # Building a paper model initialises 25M weights: about 2 s each, so one
    # model per distinct count; the others share vocabularies (closed form).
    model = paper_model(domain, model_type)
    assert model.count_params() == PARAMETERS[(domain, model_type)]
    assert len(model.trainable_weights) == 169  # models.md §10.2


def test_non_relative_parameter_count():
    model = paper_model("robustfill", "joint_model", use_relative_attention=False)
    assert model.count_params() == 25_575_740


def test_unknown_names():
    with pytest.raises(ValueError, match="domain"):
        paper_sizes("scan", "joint_model")
    with pytest.raises(ValueError, match="unknown model type 'decomposer'"):
        paper_config("robustfill", "decomposer")
