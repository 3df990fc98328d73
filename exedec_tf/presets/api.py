"""From a preset name to ready models: fetch, convert, export, load."""

import dataclasses

from exedec_tf.presets import cache
from exedec_tf.presets.build import ExportedModel, export_checkpoint
from exedec_tf.presets.fetch import fetch_preset
from exedec_tf.presets.registry import Preset, get_preset

# ModelPaths field of each model type.
_PATH_FIELDS = {
    "spec_decomposer_model": "spec_decomposer",
    "synthesizer_model": "synthesizer",
    "joint_model": "joint",
    "baseline_model": "baseline",
}


@dataclasses.dataclass(frozen=True)
class PreparedPreset:
    """A preset whose models are exported in the cache."""

    preset: Preset
    models: tuple[ExportedModel, ...]

    def model_paths(self):
        """The `synthesis.loading.ModelPaths` of its SavedModels."""
        from exedec_tf.synthesis.loading import ModelPaths

        return ModelPaths(
            **{
                _PATH_FIELDS[m.checkpoint.spec.model_type]: str(m.path)
                for m in self.models
            }
        )

    def model_ids(self):
        """ModelPaths naming each model by preset and checkpoint checksum.

        Recorded in evaluation settings instead of cache paths, so shards
        run on machines with different caches merge.
        """
        from exedec_tf.synthesis.loading import ModelPaths

        return ModelPaths(
            **{
                _PATH_FIELDS[m.checkpoint.spec.model_type]: (
                    f"preset:{self.preset.name}:{m.checkpoint.key}"
                )
                for m in self.models
            }
        )

    def load_models(self) -> dict:
        """The search models, keyed as `evaluation.runner.evaluate` takes them."""
        from exedec_tf.synthesis.loading import load_models

        return load_models(self.model_paths(), self.preset.domain)


def prepare(
    name: str,
    *,
    bucket_url: str | None = None,
    cache_dir=None,
    checkpoint_dir=None,
    progress: bool = True,
) -> PreparedPreset:
    """Downloads (or finds), converts and exports a preset's models, once.

    Args:
      name: e.g. "robustfill_none_exedec_seed10" (`pretrained list`).
      bucket_url: the host serving the bucket (default: `$EXEDEC_TF_BUCKET_URL`
        or https://storage.googleapis.com).
      cache_dir: the cache (default: `$EXEDEC_TF_CACHE` or
        ~/.cache/exedec_tf/models).
      checkpoint_dir: a folder copied from the bucket instead of downloading.
      progress: show download progress bars.

    Raises:
      UnknownPresetError, BucketUnreachableError, CheckpointNotFoundError,
      ChecksumMismatchError, NoMatchingConfigError: see `exedec_tf.presets`.
    """
    preset = get_preset(name)
    root = cache.cache_root(cache_dir)
    checkpoints = fetch_preset(
        preset,
        bucket_url=bucket_url,
        cache_dir=root,
        checkpoint_dir=checkpoint_dir,
        progress=progress,
    )
    return PreparedPreset(
        preset, tuple(export_checkpoint(c, root) for c in checkpoints)
    )


def load(name: str, **kwargs) -> dict:
    """The ready search models of a preset.

    Returns:
      `BeamSearchModel`s keyed as `exedec_tf.evaluation.runner.evaluate`
      takes them: `spec_decomposer` and `synthesizer` (exedec), the joint
      model as `synthesizer` (ablation), or `baseline`.

    Example:

        models = exedec_tf.presets.load("robustfill_none_exedec_seed10")

    Raises:
      see `prepare`; ModelLoadError when an export cannot be loaded.
    """
    return prepare(name, **kwargs).load_models()
