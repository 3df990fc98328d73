"""How `convert-checkpoint` and `export` choose the config of their weights.

Defined once, here: a registered `--config NAME`, a `--config_json FILE`, or
neither for a checkpoint of the original's train.py, whose whole config is
then inferred from its hparam string, parameter shapes and directories
(`exedec_tf.original_checkpoints`); `--model_type` and `--domain` fill in
what its path does not say.
"""

from exedec_tf.commands import options
from exedec_tf.errors import ConfigError


def add_checkpoint_config_arguments(parser) -> None:
    """`--config`/`--set`, `--config_json`, `--model_type` and `--domain`."""
    group = parser.add_argument_group(
        "config (inferred for a checkpoint of the original's train.py)"
    )
    options.add_config_arguments(
        group,
        required=False,
        help_text="registered config the weights were trained with, e.g. "
        "robustfill_synthesizer_paper",
    )
    group.add_argument(
        "--config_json",
        help="an ExperimentConfig JSON file (convert-checkpoint writes one next "
        "to its output), for custom sizes or checkpoints outside train.py's "
        "directory layout",
    )
    group.add_argument(
        "--model_type",
        help="the model type to infer with, if the checkpoint's path does not "
        "name it (train.py: <domain>/<model_type>/checkpoints/<hparam_str>/)",
    )
    group.add_argument(
        "--domain",
        help="the domain to infer with, if neither the path nor the "
        "vocabulary sizes tell it",
    )


def explicit_config(args):
    """The config named by `--config` or `--config_json`, or None when it is
    to be inferred.

    Raises:
      ConfigError: both given, `--model_type`/`--domain` with either, an
        unknown name or a bad JSON file.
    """
    from exedec_tf.commands.registry import get_config

    if args.config and args.config_json:
        raise ConfigError("give --config or --config_json, not both")
    if not (args.config or args.config_json):
        return None
    if args.model_type or args.domain:
        raise ConfigError(
            "--model_type and --domain only help to infer a config; "
            f"--{'config' if args.config else 'config_json'} already names both"
        )
    if args.config:
        return get_config(args.config)
    # Imported only here: it loads TensorFlow, and a bad name must not wait.
    from exedec_tf.original_checkpoints import read_config_json

    return read_config_json(args.config_json)


def checkpoint_config(args, weights):
    """The config of the weights at `weights`: given, or inferred from them.

    Raises:
      ConfigError: no config given for weights that are not a checkpoint of
        the original's train.py (or for random weights).
    """
    from exedec_tf import original_checkpoints

    config = explicit_config(args)
    if config is not None:
        return config
    if weights is None or not original_checkpoints.is_original_checkpoint(weights):
        raise ConfigError(
            "give --config or --config_json: a config is inferred only from a "
            "checkpoint of the original's train.py "
            "(<model_type>/checkpoints/<hparam_str>/checkpoint_<step>)"
        )
    return original_checkpoints.infer_config(
        weights, domain=args.domain, model_type=args.model_type
    )
