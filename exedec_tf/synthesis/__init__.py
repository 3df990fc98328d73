"""The ExeDec step loop: subgoal prediction, synthesis, execution, repeat."""

from exedec_tf.synthesis.beam_model import BeamSearchModel

__all__ = ["BeamSearchModel"]
