"""The published ExeDec checkpoints by name: download, convert, export, load.

    import exedec_tf.presets
    models = exedec_tf.presets.load("robustfill_none_exedec_seed10")

Names are `<domain>_<experiment>_<method>_seed<N>` (`registry.py`); files
are cached under `$EXEDEC_TF_CACHE` or `~/.cache/exedec_tf/models`.
"""

from exedec_tf.presets.api import PreparedPreset, load, prepare
from exedec_tf.presets.errors import (
    BucketUnreachableError,
    CheckpointNotFoundError,
    ChecksumMismatchError,
    PresetError,
    UnknownPresetError,
)
from exedec_tf.presets.registry import (
    METHODS,
    PRESETS,
    SEEDS,
    Preset,
    get_preset,
    select_presets,
)

__all__ = [
    "METHODS",
    "PRESETS",
    "SEEDS",
    "BucketUnreachableError",
    "CheckpointNotFoundError",
    "ChecksumMismatchError",
    "PreparedPreset",
    "Preset",
    "PresetError",
    "UnknownPresetError",
    "get_preset",
    "load",
    "prepare",
    "select_presets",
]
