"""Errors of the preset machinery (registry, bucket, cache)."""

from exedec_tf.errors import ExeDecError


class PresetError(ExeDecError, RuntimeError):
    """Base of every preset error: the message says what to do."""


class UnknownPresetError(PresetError, ValueError):
    """A preset name that is not in the registry."""


class BucketUnreachableError(PresetError):
    """The bucket (or its mirror) cannot be reached or answers with errors."""


class CheckpointNotFoundError(PresetError, FileNotFoundError):
    """No checkpoint of a preset in the bucket or in a local folder."""


class ChecksumMismatchError(PresetError, ValueError):
    """A downloaded file does not have the size or checksum the bucket lists."""
