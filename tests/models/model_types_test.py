"""Tests of the model-type registry."""

import pytest

from exedec_tf.models import (
    BaselineModel,
    JointModel,
    SpecDecomposer,
    Synthesizer,
    create_model,
    model_class,
)
from exedec_tf.models.model_type import ModelType
from tests.models.tiny import tiny_config


def test_every_model_type_has_a_class():
    assert [model_class(t) for t in ModelType] == [
        SpecDecomposer,
        Synthesizer,
        JointModel,
        BaselineModel,
    ]
    for model_type in ModelType:
        assert model_class(model_type).MODEL_TYPE is model_type
        assert model_class(model_type.short) is model_class(model_type.value)


def test_create_model():
    model = create_model("baseline_model", tiny_config("baseline_model"), name="b")
    assert isinstance(model, BaselineModel)
    assert model.name == "b"
    assert model.built


def test_unknown_model_type():
    with pytest.raises(ValueError, match="decomposer"):
        model_class("decomposer")
