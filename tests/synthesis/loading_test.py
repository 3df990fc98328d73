"""Model paths -> method, and the loader's errors."""

import pytest

from exedec_tf.errors import ConfigError
from exedec_tf.synthesis import loading


def test_method_from_paths():
    assert loading.ModelPaths("a", "b").method == "separate"
    assert loading.ModelPaths(joint="j").method == "joint"
    assert loading.ModelPaths(baseline="b").method == "baseline"
    for bad in (
        loading.ModelPaths(),
        loading.ModelPaths("a"),
        loading.ModelPaths("a", "b", "c"),
    ):
        with pytest.raises(ConfigError, match="give the paths of a spec decomposer"):
            _ = bad.method


def test_load_models_uses_the_loader(monkeypatch):
    monkeypatch.setattr(loading, "load_model", lambda path: f"model:{path}")
    assert loading.load_models(loading.ModelPaths("s", "y")) == {
        "spec_decomposer": "model:s",
        "synthesizer": "model:y",
    }
    assert loading.load_models(loading.ModelPaths(joint="j")) == {
        "synthesizer": "model:j"
    }
    assert loading.load_models(loading.ModelPaths(baseline="b")) == {
        "baseline": "model:b"
    }


class _Exported:
    def __init__(self, model_type, domain):
        self.export_config = {"model_type": model_type, "domain": domain}


def test_wrong_model_type_or_domain_is_reported(monkeypatch):
    exports = {
        "spec": _Exported("spec_decomposer_model", "robustfill"),
        "synth": _Exported("synthesizer_model", "robustfill"),
    }
    monkeypatch.setattr(loading, "load_model", exports.__getitem__)
    paths = loading.ModelPaths("spec", "synth")
    assert set(loading.load_models(paths, "robustfill")) == {
        "spec_decomposer",
        "synthesizer",
    }
    with pytest.raises(loading.ModelLoadError, match="not deepcoder"):
        loading.load_models(paths, "deepcoder")
    with pytest.raises(
        loading.ModelLoadError, match="the spec_decomposer model synth holds"
    ):
        loading.load_models(loading.ModelPaths("synth", "spec"))
