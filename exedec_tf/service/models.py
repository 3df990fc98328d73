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
    name: str, domain: str | None = None, options: LoopOptions | None = None
) -> Engine:
    """The engine over a published preset (downloaded, converted and exported
    into the cache on first use by `exedec_tf.presets`).

    Args:
      name: e.g. "robustfill_none_exedec_seed10".
      domain: if given, the preset's domain must be this one.

    Raises:
      ValueError: the preset is for another domain.
      exedec_tf.presets.PresetError: see `exedec_tf.presets.load`.
    """
    import exedec_tf.presets as presets
    from exedec_tf.presets.registry import LOOP_METHODS

    preset = presets.get_preset(name)
    if domain is not None and domain != preset.domain:
        raise ValueError(f"preset {name!r} is a {preset.domain} preset, not {domain}")
    models = presets.load(name)
    return Engine(
        domains.get(preset.domain), models, LOOP_METHODS[preset.method], options
    )
