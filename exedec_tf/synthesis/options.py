"""Options of the ExeDec loop, with the original's defaults and refusals."""

import dataclasses

import numpy as np

from exedec_tf.errors import ConfigError

# "Minus infinity" of the beam search and of the loop's invalid penalty; kept
# as float32 because score bookkeeping is float32 (inference spec §5 item 7).
NEG_INF = np.float32(-1.0e7)

PREDICTION_TYPES = ("separate", "joint")


@dataclasses.dataclass(frozen=True)
class LoopOptions:
    """How the ExeDec loop runs (inference spec §2.7).

    Attributes:
      prediction_type: "separate" (ExeDec: SpecDecomposer then Synthesizer per
        step) or "joint" (the no-subgoal ablation: one joint model per step).
      beam_size: K, the size of the outer beam and of every beam search.
      detect_invalid: penalise and finish invalid beam elements.
      use_execution: run the partial program after every synthesizer step and
        derive the next spec from its real outputs.
      discard_repeat_functionality: among elements of one synthesizer step
        with equal execution traces, keep only the highest slot valid.
    """

    prediction_type: str = "separate"
    beam_size: int = 10
    detect_invalid: bool = True
    use_execution: bool = True
    discard_repeat_functionality: bool = True

    def __post_init__(self):
        if self.prediction_type not in PREDICTION_TYPES:
            raise ConfigError(
                f"prediction_type must be one of {PREDICTION_TYPES}, got "
                f"{self.prediction_type!r}"
            )
        if type(self.beam_size) is not int or self.beam_size < 1:
            raise ConfigError(
                f"beam_size must be a positive int, got {self.beam_size!r}"
            )
        if self.prediction_type == "joint" and not self.use_execution:
            raise ConfigError(
                "prediction_type='joint' requires use_execution=True (the joint "
                "model needs executed outputs to know what is left)"
            )
        if self.discard_repeat_functionality and not self.use_execution:
            raise ConfigError(
                "discard_repeat_functionality=True requires use_execution=True"
            )
        if self.discard_repeat_functionality and not self.detect_invalid:
            raise ConfigError(
                "discard_repeat_functionality=True requires detect_invalid=True"
            )

    @property
    def separate(self) -> bool:
        """Whether steps start with a SpecDecomposer call."""
        return self.prediction_type == "separate"
