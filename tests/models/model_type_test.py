import json

import pytest

from exedec_tf.errors import ConfigError, ExeDecError
from exedec_tf.models.model_type import ModelType


@pytest.mark.parametrize("member", list(ModelType))
def test_parse_accepts_every_spelling(member):
    assert ModelType.parse(member) is member
    assert ModelType.parse(member.value) is member
    assert ModelType.parse(member.short) is member


def test_values_and_short_names():
    assert [m.value for m in ModelType] == [
        "spec_decomposer_model",
        "synthesizer_model",
        "joint_model",
        "baseline_model",
    ]
    assert [m.short for m in ModelType] == [
        "spec_decomposer",
        "synthesizer",
        "joint",
        "baseline",
    ]


def test_behaves_as_its_original_string():
    member = ModelType.SYNTHESIZER
    assert member == "synthesizer_model"
    assert {"synthesizer_model": 1}[member] == 1
    assert json.dumps({"t": member}) == '{"t": "synthesizer_model"}'
    assert str(member) == f"{member}" == "synthesizer_model"


@pytest.mark.parametrize("bad", ["synth", "SYNTHESIZER", "", "decomposer_model", 3])
def test_parse_rejects_unknown_names(bad):
    with pytest.raises(ConfigError, match="unknown model type") as info:
        ModelType.parse(bad)
    assert repr(bad) in str(info.value)
    assert "'spec_decomposer', 'synthesizer', 'joint', 'baseline'" in str(info.value)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, ExeDecError)
