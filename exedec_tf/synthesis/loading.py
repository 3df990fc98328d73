"""Loading the models of one ExeDec method from SavedModel paths."""

import dataclasses

from exedec_tf.errors import ConfigError, ExeDecError
from exedec_tf.models.model_type import ModelType
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
          ConfigError: the paths do not form exactly one method.
        """
        given = {k for k, v in dataclasses.asdict(self).items() if v}
        for method, needed in (
            ("separate", {"spec_decomposer", "synthesizer"}),
            ("joint", {"joint"}),
            ("baseline", {"baseline"}),
        ):
            if given == needed:
                return method
        raise ConfigError(
            "give the paths of a spec decomposer and a synthesizer (ExeDec), or "
            "of a joint model only, or of a baseline only; got "
            f"{sorted(given) or 'none'}"
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


def _load_checked(role: str, path: str, domain: str | None) -> BeamSearchModel:
    """Loads the model of `role` (a `ModelPaths` field, the short name of its
    model type) and checks its recorded type and domain, if any."""
    model = load_model(path)
    config = getattr(model, "export_config", None)  # the export's asset
    config = config if isinstance(config, dict) else {}
    found = config.get("model_type")
    expected = ModelType.parse(role)
    if found is not None and found != expected:
        raise ModelLoadError(
            f"the {role} model {path} holds a {found} export, expected a {expected}"
        )
    recorded = config.get("domain")
    if domain is not None and recorded is not None and recorded != domain:
        raise ModelLoadError(
            f"the {role} model {path} is a {recorded} model, not {domain}"
        )
    return model


def load_models(
    paths: ModelPaths, domain: str | None = None
) -> dict[str, BeamSearchModel]:
    """The loaded models as keyword arguments of `evaluation.runner.evaluate`.

    Args:
      paths: the SavedModel paths.
      domain: if given, every model must have been exported for it.

    Raises:
      ConfigError: the paths do not form one method.
      ModelLoadError: a model cannot be loaded, or has the wrong type/domain.
    """
    method = paths.method
    roles = {
        "separate": ("spec_decomposer", "synthesizer"),
        "joint": ("joint",),
        "baseline": ("baseline",),
    }[method]
    loaded = {r: _load_checked(r, getattr(paths, r), domain) for r in roles}
    if method == "joint":
        return {"synthesizer": loaded["joint"]}
    return loaded
