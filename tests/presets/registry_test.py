import pytest

from exedec_tf.presets import registry
from exedec_tf.presets.errors import UnknownPresetError


def test_one_preset_per_domain_experiment_method_seed():
    assert len(registry.PRESETS) == 2 * 6 * 3 * 5
    preset = registry.get_preset("robustfill_none_exedec_seed10")
    assert (preset.domain, preset.experiment, preset.method, preset.seed) == (
        "robustfill",
        "NONE",
        "exedec",
        10,
    )
    assert [c.model_type for c in preset.checkpoints] == [
        "spec_decomposer_model",
        "synthesizer_model",
    ]


def test_paths_are_those_of_the_end_to_end_scripts():
    spec, synth = registry.get_preset("robustfill_none_exedec_seed10").checkpoints
    assert spec.prefix == (
        "trained_models/robustfill/spec_decomposer_model/checkpoints/adr=0.1,"
        "ara=True,dr=0.1,e=NONE,ed=512,hd=1024,l=0.0002,md=200,mpced=800,npb=32,"
        "s=10,scnpr=0.0,ura=True/"
    )
    assert ",ara=False," in synth.hparam_str and ",md=20,mpced=80," in synth.hparam_str
    (joint,) = registry.get_preset(
        "deepcoder_compose_new_op_ablation_seed50"
    ).checkpoints
    assert joint.prefix == (
        "trained_models/deepcoder/joint_model/checkpoints/adr=0.1,ara=False,dr=0.1,"
        "e=COMPOSE_NEW_OP,ed=512,hd=1024,l=0.0002,md=60,mpced=180,npb=32,s=50,"
        "scnpr=0.0,ura=True/"
    )
    (base,) = registry.get_preset("deepcoder_none_baseline_seed20").checkpoints
    assert (
        base.checkpoints_prefix
        == "trained_models/deepcoder/baseline_model/checkpoints/"
    )


def test_unknown_name_says_the_pattern_and_similar_names():
    with pytest.raises(UnknownPresetError, match="<domain>_<experiment>") as info:
        registry.get_preset("robustfill_none_exedec_seed11")
    assert "robustfill_none_exedec_seed10" in str(info.value)


def test_select_a_grid():
    grid = registry.select_presets("robustfill", methods=["exedec"], seeds=[10, 20])
    assert len(grid) == 6 * 2
    assert {p.domain for p in grid} == {"robustfill"}
    assert [p.name for p in grid[:2]] == [
        "robustfill_none_exedec_seed10",
        "robustfill_none_exedec_seed20",
    ]
    assert len(registry.select_presets(experiments=["compose_new_op"])) == 2 * 3 * 5


@pytest.mark.parametrize(
    "kwargs, bad",
    [
        ({"domain": "lisp"}, "lisp"),
        ({"methods": ["separate"]}, "separate"),
        ({"seeds": [7]}, "7"),
        ({"experiments": ["nope"]}, "NOPE"),
    ],
)
def test_select_refuses_values_outside_the_registry(kwargs, bad):
    with pytest.raises(UnknownPresetError, match=bad):
        registry.select_presets(**kwargs)
