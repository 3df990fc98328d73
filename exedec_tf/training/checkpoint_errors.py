"""The error raised for a training checkpoint that does not fit the model."""

from exedec_tf.errors import ExeDecError


class CheckpointMismatchError(ExeDecError, ValueError):
    """A checkpoint that does not fit the model: another config, or not one.

    The message names the checkpoint, the offending variable and, where they
    differ, both shapes.
    """
