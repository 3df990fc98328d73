"""Options shared by several subcommands, each defined once, here.

Flags that set a config field default to None, meaning "the config's value":
the defaults live in `exedec_tf.experiment_config`, and the help text shows
them. Every command that takes `--config` also takes `--set FIELD=VALUE`
for any other field (`--set train.num_steps=600`).
"""

import argparse
import dataclasses

from exedec_tf.errors import ConfigError, ExeDecError
from exedec_tf.experiment_config import ExperimentConfig, InferenceConfig

_INFERENCE_DEFAULTS = {f.name: f.default for f in dataclasses.fields(InferenceConfig)}


class UsageError(ExeDecError, ValueError):
    """The command line is invalid (a missing or contradictory option)."""


def add_config_arguments(parser, required: bool = True, help_text: str = "") -> None:
    """`--config NAME` and `--set FIELD=VALUE` (repeatable)."""
    parser.add_argument(
        "--config",
        required=required,
        help=help_text
        or "registered config, e.g. robustfill_synthesizer_tiny "
        "(<domain>_<model type>_<paper|small|tiny>)",
    )
    add_overrides_argument(parser)


def add_overrides_argument(parser) -> None:
    """`--set FIELD=VALUE` (repeatable): config fields by dotted path."""
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="override a config field by its dotted path, e.g. "
        "--set train.num_steps=600 --set inference.beam_size=5 (repeatable)",
    )


def parse_overrides(items) -> dict[str, str]:
    """`["a.b=1", ...]` -> `{"a.b": "1"}`.

    Raises:
      UsageError: an item without `=`.
    """
    changes = {}
    for item in items:
        path, sep, value = item.partition("=")
        if not sep or not path.strip():
            raise UsageError(f"--set needs FIELD=VALUE, got {item!r}")
        changes[path.strip()] = value
    return changes


def config_from_args(args, **fields) -> ExperimentConfig:
    """The named config with `--set` overrides and `fields` (dotted paths;
    None values are left out) applied.

    Raises:
      ConfigError: an unknown name or field, or an invalid value.
    """
    from exedec_tf.commands.registry import get_config

    return apply_overrides(get_config(args.config), args, **fields)


def apply_overrides(config: ExperimentConfig, args, **fields) -> ExperimentConfig:
    """`config` with the `--set` overrides and `fields` (dotted paths; None
    values are left out) applied."""
    changes = parse_overrides(getattr(args, "overrides", None) or [])
    changes.update({path: value for path, value in fields.items() if value is not None})
    return config.override(changes) if changes else config


def _add_inference_flag(group, name: str, help_text: str, kind) -> None:
    default = _INFERENCE_DEFAULTS[name]
    shown = "the config's" if default is None else default
    if kind is bool:
        shown = {True: "on", False: "off"}.get(default, shown)
        group.add_argument(
            f"--{name}",
            action=argparse.BooleanOptionalAction,
            default=None,
            help=f"{help_text} (default {shown})",
        )
    else:
        group.add_argument(
            f"--{name}", type=kind, default=None, help=f"{help_text} (default {shown})"
        )


_LOOP_FLAGS = (
    ("beam_size", "K of the outer beam and of every beam search", int),
    ("detect_invalid", "penalise and finish invalid beam elements", bool),
    ("use_execution", "run partial programs to derive the next spec", bool),
    ("discard_repeat_functionality", "drop elements with repeated traces", bool),
)
_SEARCH_FLAGS = (
    ("spec_length", "L of the signatures: the end-to-end L", int),
    ("max_decode_length", "T of the signatures: the end-to-end T", int),
    ("cached", "key/value-cached decoding in the search", bool),
    ("jit_compile", "XLA-compile the search", bool),
)
_BATCH_FLAG = ("batch_size", "problems advancing through the loop together", int)


def add_loop_arguments(parser, with_batch: bool = False) -> None:
    """The ExeDec loop flags (`inference` fields) of `evaluate` and `synthesize`."""
    group = parser.add_argument_group("ExeDec loop (config section `inference`)")
    for name, help_text, kind in _LOOP_FLAGS + ((_BATCH_FLAG,) if with_batch else ()):
        _add_inference_flag(group, name, help_text, kind)


def add_search_arguments(parser) -> None:
    """The exported-search flags (`inference` fields) of `export`."""
    group = parser.add_argument_group("exported search (config section `inference`)")
    for name, help_text, kind in _SEARCH_FLAGS:
        _add_inference_flag(group, name, help_text, kind)


def inference_fields(args) -> dict:
    """`{"inference.<name>": value}` of the inference flags given."""
    names = [n for n, _, _ in _LOOP_FLAGS + _SEARCH_FLAGS + (_BATCH_FLAG,)]
    return {
        f"inference.{name}": getattr(args, name)
        for name in names
        if getattr(args, name, None) is not None
    }


def inference_from_args(args) -> InferenceConfig:
    """The inference settings: `--config`'s (if given) or the defaults, with
    the flags given applied."""
    fields = inference_fields(args)
    if getattr(args, "config", None):
        return config_from_args(args, **fields).inference
    if getattr(args, "overrides", None):
        raise UsageError("--set needs --config")
    return InferenceConfig(
        **{path.split(".", 1)[1]: value for path, value in fields.items()}
    )


_MODEL_FLAGS = (
    ("spec_decomposer", "SpecDecomposer SavedModel folder"),
    ("synthesizer", "Synthesizer SavedModel folder"),
    ("joint", "joint (no-subgoal) model SavedModel folder"),
    ("baseline", "Transformer baseline SavedModel folder"),
)


def add_model_arguments(parser) -> None:
    """The model flags of `evaluate`, `synthesize` and `serve`: SavedModel
    paths, or a published `--preset` (with its source flags)."""
    from exedec_tf.commands.preset_options import add_preset_argument

    group = parser.add_argument_group(
        "models (ExeDec: --spec_decomposer and --synthesizer; or --joint; "
        "or --baseline; or --preset)"
    )
    for name, help_text in _MODEL_FLAGS:
        group.add_argument(f"--{name}", help=help_text)
    add_preset_argument(parser)


def model_paths(args, prepared=None):
    """The `ModelPaths` of the model flags, or of a prepared `--preset`.

    Raises:
      UsageError: the flags do not name exactly one method.
    """
    from exedec_tf.synthesis.loading import ModelPaths

    if prepared is not None:
        return prepared.model_paths()
    paths = ModelPaths(*(getattr(args, name) for name, _ in _MODEL_FLAGS))
    try:
        paths.method  # noqa: B018 (validates the combination)
    except ConfigError:
        given = [f"--{name}" for name, _ in _MODEL_FLAGS if getattr(args, name)]
        raise UsageError(
            "give --spec_decomposer and --synthesizer (ExeDec), or only --joint, "
            f"or only --baseline; got {', '.join(given) or 'none'}"
        ) from None
    return paths
