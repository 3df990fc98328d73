"""Building the served `Engine` from SavedModel paths or a preset name."""

from exedec_tf import domains
from exedec_tf.service.engine import Engine
from exedec_tf.synthesis import loading
from exedec_tf.synthesis.options import LoopOptions


def engine_from_paths(
    domain: str, paths: loading.ModelPaths, options: LoopOptions | None = None
) -> Engine:
    """The engine over exported models (the paths pick the method).

    Raises:
      ValueError: the paths do not form one method.
      ModelLoadError: a model cannot be loaded or is not for `domain`.
    """
    method = paths.method
    models = loading.load_models(paths, domain)
    return Engine(domains.get(domain), models, method, options)


def engine_from_preset(
    name: str, options: LoopOptions | None = None, **source
) -> Engine:
    """The engine over a published preset (downloaded, converted and exported
    into the cache on first use by `exedec_tf.presets.prepare`).

    Args:
      name: e.g. "robustfill_none_exedec_seed10".
      options: loop flags.
      **source: `bucket_url`, `cache_dir`, `checkpoint_dir`, `progress` of
        `exedec_tf.presets.prepare`.

    Raises:
      exedec_tf.presets.PresetError: see `exedec_tf.presets.prepare`.
      ModelLoadError: an export cannot be loaded.
    """
    import exedec_tf.presets as presets

    prepared = presets.prepare(name, **source)
    return engine_from_paths(prepared.preset.domain, prepared.model_paths(), options)
