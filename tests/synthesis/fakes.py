"""Scripted fake models for the loop tests (the library's ScriptedBeamModel)."""

from exedec_tf.synthesis.scripted import ScriptedBeamModel

__all__ = ["ScriptedBeamModel"]
