"""Convert a preset's checkpoints and export them as SavedModels, once.

Exports land in `<cache>/exports/<checkpoint key>/<model_type>_L<L>_T<T>`,
keyed by the checkpoint's checksum, so a later call finds them and loads
in seconds. Each is written to a temporary folder beside it and renamed
into place when complete; a lock keeps two processes from exporting the
same one twice.
"""

import dataclasses
import pathlib
import shutil
import time

from exedec_tf.presets import cache
from exedec_tf.presets.fetch import LocalCheckpoint


@dataclasses.dataclass(frozen=True)
class ExportedModel:
    """One model of a preset, exported."""

    checkpoint: LocalCheckpoint
    # The SavedModel folder.
    path: pathlib.Path
    # The named config it was converted with.
    config_name: str
    # Seconds spent converting and exporting now (0.0 if reused).
    convert_s: float = 0.0
    export_s: float = 0.0


def export_dir(root, checkpoint: LocalCheckpoint, spec_length: int, decode_length: int):
    """The SavedModel folder of one checkpoint at lengths L and T."""
    name = f"{checkpoint.spec.model_type}_L{spec_length}_T{decode_length}"
    return pathlib.Path(root) / "exports" / checkpoint.key / name


def _end_to_end_lengths(domain: str, model_type: str) -> tuple[int, int]:
    from exedec_tf.models.paper_configs import paper_sizes

    sizes = paper_sizes(domain, model_type)
    return sizes.end_to_end_spec_length, sizes.end_to_end_decode_length


def convert(checkpoint: LocalCheckpoint):
    """The checkpoint as a Keras model of the config it was trained with.

    The config is inferred from the train.py directory name it came from
    (its hparam string) and the parameter shapes
    (`exedec_tf.original_checkpoints`), so no named config is needed.

    Returns:
      (ExperimentConfig, keras.Model with the checkpoint's weights).

    Raises:
      CheckpointConfigError: the hparam string contradicts the shapes.
      CheckpointFormatError, CheckpointMismatchError: see `flax_checkpoint`.
    """
    from exedec_tf.models.flax_checkpoint import (
        convert_checkpoint,
        read_flax_checkpoint,
    )
    from exedec_tf.models.model_type import ModelType
    from exedec_tf.models.train_checkpoint_location import TrainCheckpointLocation
    from exedec_tf.models.train_hparams import parse_hparam_str
    from exedec_tf.original_checkpoints import checkpoint_config

    spec = checkpoint.spec
    location = TrainCheckpointLocation(
        file=checkpoint.path,
        hparams=parse_hparam_str(checkpoint.hparam_str),
        model_type=ModelType.parse(spec.model_type),
        domain=spec.domain,
    )
    flax = read_flax_checkpoint(checkpoint.path)
    config = checkpoint_config(location, flax)
    return config, convert_checkpoint(flax, config)


def export_checkpoint(checkpoint: LocalCheckpoint, root) -> ExportedModel:
    """The checkpoint's SavedModel (end-to-end L and T), made if missing.

    Raises:
      see `convert`.
    """
    spec = checkpoint.spec
    length, decode_length = _end_to_end_lengths(spec.domain, spec.model_type)
    out = export_dir(root, checkpoint, length, decode_length)
    info_path = out / "preset.json"
    info = cache.read_json(info_path)
    if info is not None:
        return ExportedModel(checkpoint, out, info["config"])
    with cache.file_lock(out.with_name(out.name + ".lock")):
        info = cache.read_json(info_path)
        if info is not None:
            return ExportedModel(checkpoint, out, info["config"])
        from exedec_tf.decoding.settings import SearchSettings
        from exedec_tf.serving import export_beam_search_model

        start = time.perf_counter()
        config, model = convert(checkpoint)
        convert_s = time.perf_counter() - start
        tmp = out.with_name(f".{out.name}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        start = time.perf_counter()
        settings = SearchSettings.from_experiment(
            config, spec_length=length, max_decode_length=decode_length
        )
        export_beam_search_model(model, tmp, spec.model_type, settings)
        export_s = time.perf_counter() - start
        cache.write_json_atomic(
            tmp / "preset.json",
            {
                "config": config.name,
                "checkpoint": str(checkpoint.path),
                "checkpoint_key": checkpoint.key,
                "hparam_str": checkpoint.hparam_str,
                "convert_s": round(convert_s, 2),
                "export_s": round(export_s, 2),
            },
        )
        (tmp / "experiment_config.json").write_text(config.to_json())
        shutil.rmtree(out, ignore_errors=True)
        tmp.rename(out)
    return ExportedModel(checkpoint, out, config.name, convert_s, export_s)
