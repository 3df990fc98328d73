"""The error raised for a training checkpoint that does not fit the model."""


class CheckpointMismatchError(ValueError):
    """A checkpoint that does not fit the model: another config, or not one.

    The message names the checkpoint, the offending variable and, where they
    differ, both shapes.
    """
