"""Loading the models of one ExeDec method from SavedModel paths."""

import dataclasses

from exedec_tf.errors import ExeDecError
from exedec_tf.synthesis.beam_model import BeamSearchModel

METHODS = ("separate", "joint", "baseline")


class ModelLoadError(ExeDecError, RuntimeError):
    """A model cannot be loaded (missing loader, bad path or export)."""


@dataclasses.dataclass(frozen=True)
class ModelPaths:
    """SavedModel paths for one method.

    Attributes:
      spec_decomposer, synthesizer: ExeDec (`separate`).
      joint: the no-subgoal ablation (`joint`).
      baseline: the Transformer baseline.
    """

    spec_decomposer: str | None = None
    synthesizer: str | None = None
    joint: str | None = None
    baseline: str | None = None

    @property
    def method(self) -> str:
        """`separate`, `joint` or `baseline`, from which paths are set.

        Raises:
          ValueError: the paths do not form exactly one method.
        """
        given = {k for k, v in dataclasses.asdict(self).items() if v}
        for method, needed in (
            ("separate", {"spec_decomposer", "synthesizer"}),
            ("joint", {"joint"}),
            ("baseline", {"baseline"}),
        ):
            if given == needed:
                return method
        raise ValueError(
            "give --spec_decomposer and --synthesizer (ExeDec), or only --joint, "
            f"or only --baseline; got {sorted(given) or 'none'}"
        )


def load_model(path: str) -> BeamSearchModel:
    """Loads one exported model as a BeamSearchModel.

    Raises:
      ModelLoadError: the SavedModel loader is not available or fails.
    """
    try:
        from exedec_tf.serving import load_beam_search_model
    except ImportError as error:
        raise ModelLoadError(
            "loading SavedModels needs exedec_tf.serving.load_beam_search_model, "
            f"which is not available in this checkout ({error})"
        ) from None
    try:
        return load_beam_search_model(path)
    except (OSError, ValueError) as error:
        raise ModelLoadError(f"cannot load the model at {path}: {error}") from error


# The model type each path flag must hold.
_EXPECTED_TYPES = {
    "spec_decomposer": "spec_decomposer_model",
    "synthesizer": "synthesizer_model",
    "joint": "joint_model",
    "baseline": "baseline_model",
}


def _load_checked(flag: str, path: str, domain: str | None) -> BeamSearchModel:
    """Loads one model and checks its recorded type and domain, if any."""
    model = load_model(path)
    config = getattr(model, "export_config", None)  # the export's asset
    config = config if isinstance(config, dict) else {}
    found = config.get("model_type")
    if found is not None and found != _EXPECTED_TYPES[flag]:
        raise ModelLoadError(
            f"--{flag} {path} holds a {found} export, expected a "
            f"{_EXPECTED_TYPES[flag]}"
        )
    recorded = config.get("domain")
    if domain is not None and recorded is not None and recorded != domain:
        raise ModelLoadError(f"--{flag} {path} is a {recorded} model, not {domain}")
    return model


def load_models(
    paths: ModelPaths, domain: str | None = None
) -> dict[str, BeamSearchModel]:
    """The loaded models as keyword arguments of `evaluation.runner.evaluate`.

    Args:
      paths: the SavedModel paths.
      domain: if given, every model must have been exported for it.

    Raises:
      ValueError: the paths do not form one method.
      ModelLoadError: a model cannot be loaded, or has the wrong type/domain.
    """
    method = paths.method
    flags = {
        "separate": ("spec_decomposer", "synthesizer"),
        "joint": ("joint",),
        "baseline": ("baseline",),
    }[method]
    loaded = {f: _load_checked(f, getattr(paths, f), domain) for f in flags}
    if method == "joint":
        return {"synthesizer": loaded["joint"]}
    return loaded
