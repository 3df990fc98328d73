"""Stage: export a trained model as a SavedModel with its beam search."""

import pathlib

from exedec_tf.errors import ConfigError
from exedec_tf.experiment_config import ExperimentConfig


def export(
    config: ExperimentConfig, weights, output_dir, *, reuse: bool = False
) -> pathlib.Path:
    """Writes the SavedModel of `config` with `weights`.

    The signatures search with `SearchSettings.from_experiment(config)`:
    `config.inference` (spec length L, decode length T, cached, jit_compile)
    over `config.data.num_examples` examples, special ids from the model.

    Args:
      config: the run.
      weights: a `*.weights.h5` file, a training checkpoint prefix or a
        training workdir (its newest checkpoint); None exports the random
        initialisation (tests and benchmarks).
      output_dir: the SavedModel folder.
      reuse: return `output_dir` as it is if it already holds a SavedModel
        (otherwise that is an error).

    Returns:
      The SavedModel folder.
    """
    from exedec_tf.decoding.settings import SearchSettings
    from exedec_tf.serving import export_beam_search_model
    from exedec_tf.serving.trained_model import trained_model

    output_dir = pathlib.Path(output_dir)
    if reuse and (output_dir / "saved_model.pb").exists():
        return output_dir
    inference = config.inference
    unset = [
        f"inference.{name}"
        for name in ("spec_length", "max_decode_length")
        if getattr(inference, name) is None
    ]
    if unset:
        raise ConfigError(f"config {config.name!r} does not set {', '.join(unset)}")
    model = trained_model(config, None if weights is None else str(weights))
    return export_beam_search_model(
        model, output_dir, config.model_type, SearchSettings.from_experiment(config)
    )
