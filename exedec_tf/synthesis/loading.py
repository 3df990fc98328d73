"""Loading the models of one ExeDec method from SavedModel paths."""

import dataclasses

from exedec_tf.synthesis.beam_model import BeamSearchModel

METHODS = ("separate", "joint", "baseline")


class ModelLoadError(RuntimeError):
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


def load_models(paths: ModelPaths) -> dict[str, BeamSearchModel]:
    """The loaded models as keyword arguments of `evaluation.runner.evaluate`."""
    method = paths.method
    if method == "separate":
        return {
            "spec_decomposer": load_model(paths.spec_decomposer),
            "synthesizer": load_model(paths.synthesizer),
        }
    if method == "joint":
        return {"synthesizer": load_model(paths.joint)}
    return {"baseline": load_model(paths.baseline)}
