"""`exedec-tf convert-checkpoint`: original Flax checkpoint -> Keras weights."""

import pathlib

from exedec_tf.commands import checkpoint_options, options


def config_json_path(weights_path) -> pathlib.Path:
    """Where the config of `<name>.weights.h5` is written: `<name>.config.json`."""
    weights_path = pathlib.Path(weights_path)
    return weights_path.with_name(
        weights_path.name.removesuffix(".weights.h5") + ".config.json"
    )


def _run(args) -> int:
    from exedec_tf import original_checkpoints
    from exedec_tf.models import flax_checkpoint as fc

    config = checkpoint_options.explicit_config(args)
    inferred = config is None
    domain, model_type = args.domain, args.model_type
    if config is None and args.overrides:
        # --set changes an inferred config too: infer it first.
        config = checkpoint_options.checkpoint_config(args, args.checkpoint)
        domain = model_type = None
    if config is not None:
        config = options.apply_overrides(config, args)
    loaded = original_checkpoints.load_original_checkpoint(
        args.checkpoint, config=config, domain=domain, model_type=model_type
    )
    out = fc.save_keras_weights(loaded.model, args.output)
    config_path = config_json_path(out)
    config_path.write_text(loaded.config.to_json() + "\n")
    checkpoint = loaded.checkpoint
    step = "none" if checkpoint.step is None else checkpoint.step
    how = "inferred config" if inferred else "config"
    print(
        f"converted {checkpoint.num_tensors} tensors "
        f"({checkpoint.num_parameters:,} parameters, step {step}) of "
        f"{loaded.location.file} into {how} {loaded.config.name}: {out} "
        f"(config: {config_path})"
    )
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "convert-checkpoint",
        help="convert an original Flax checkpoint to Keras weights",
        description="Reads a checkpoint of the original's train.py and writes "
        "Keras weights and, next to them, the config as JSON. For a "
        "checkpoint in train.py's layout the whole config is inferred from "
        "its hparam string, parameter shapes and directories.",
    )
    parser.add_argument(
        "checkpoint",
        help="a checkpoint_<step> file, its <hparam_str> directory (newest "
        "step), or the checkpoints/ or <model_type>/ directory above one run",
    )
    parser.add_argument(
        "--output", required=True, help="Keras weights file (*.weights.h5)"
    )
    checkpoint_options.add_checkpoint_config_arguments(parser)
    parser.set_defaults(func=_run)
