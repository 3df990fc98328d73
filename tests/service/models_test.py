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
    with pytest.raises(ValueError, match="give the paths of a spec decomposer"):
        engine_from_paths("robustfill", loading.ModelPaths(synthesizer="S"))


def test_engine_from_preset(monkeypatch):
    joint = cases.rf_joint_model()
    monkeypatch.setattr(loading, "load_model", lambda path: joint)
    calls = []

    class Prepared:
        preset = presets.get_preset("robustfill_none_ablation_seed20")

        def model_paths(self):
            return loading.ModelPaths(joint="J")

    def fake_prepare(name, **source):
        calls.append((name, source))
        return Prepared()

    monkeypatch.setattr(presets, "prepare", fake_prepare)
    engine = engine_from_preset("robustfill_none_ablation_seed20", cache_dir="C")
    assert (engine.domain.name, engine.method) == ("robustfill", "joint")
    assert calls == [("robustfill_none_ablation_seed20", {"cache_dir": "C"})]


def test_an_unknown_preset_is_refused_before_any_download():
    with pytest.raises(presets.UnknownPresetError):
        engine_from_preset("nothing_like_a_preset")
