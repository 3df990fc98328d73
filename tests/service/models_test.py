"""Engines from model paths and from presets."""

import pytest

import exedec_tf.presets as presets
from exedec_tf.service.models import engine_from_paths, engine_from_preset
from exedec_tf.synthesis import loading
from tests.synthesis import cases


def test_engine_from_paths(monkeypatch):
    joint = cases.rf_joint_model()
    monkeypatch.setattr(loading, "load_model", lambda path: joint)
    engine = engine_from_paths("robustfill", loading.ModelPaths(joint="J"))
    assert (engine.method, engine.models) == ("joint", {"synthesizer": joint})
    with pytest.raises(ValueError, match="give --spec_decomposer"):
        engine_from_paths("robustfill", loading.ModelPaths(synthesizer="S"))


def test_engine_from_preset(monkeypatch):
    baseline = cases.rf_joint_model()
    monkeypatch.setattr(presets, "load", lambda name: {"baseline": baseline})
    engine = engine_from_preset("deepcoder_none_baseline_seed20")
    assert (engine.domain.name, engine.method) == ("deepcoder", "baseline")
    with pytest.raises(ValueError, match="is a deepcoder preset, not robustfill"):
        engine_from_preset("deepcoder_none_baseline_seed20", "robustfill")
    with pytest.raises(presets.UnknownPresetError):
        engine_from_preset("nothing_like_a_preset")
