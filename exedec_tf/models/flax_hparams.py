"""The whole model config of a checkpoint written by the original's train.py.

train.py saves to `<save_dir>/checkpoints/<hparam_str>/checkpoint_<step>`,
where the published runs use `save_dir = .../<domain>/<model_type>` and the
hparam string names the run's flags (pretrained.md, models.md §10.3):

    adr=0.1,ara=True,dr=0.1,e=NONE,ed=512,hd=1024,l=0.0002,md=200,mpced=800,npb=32,s=10,scnpr=0.0,ura=True

The string fixes the dropouts, the attention kind and its distances; the
parameter shapes fix the rest (vocabularies, width, heads, layers, MLP
width, bucket counts); the directories above it name the model type and the
domain. `infer_model_config` joins the three and checks that they agree.

Example:

    location = locate_train_checkpoint("trained_models/robustfill/synthesizer_model")
    checkpoint = read_flax_checkpoint(location.file)
    inferred = infer_checkpoint_config(location, checkpoint.flat_params())
    inferred.model  # a TransformerConfig
"""

import dataclasses
import pathlib
import re
from collections.abc import Mapping

import numpy as np

from exedec_tf.errors import ConfigError, ExeDecError
from exedec_tf.experiments import parse_experiment
from exedec_tf.models.config import TransformerConfig
from exedec_tf.models.flax_checkpoint import checkpoint_file
from exedec_tf.models.model_type import ModelType
from exedec_tf.models.paper_configs import DOMAINS, paper_config, paper_sizes


class CheckpointConfigError(ExeDecError, ValueError):
    """A checkpoint's hparam string, location or shapes do not give one config."""


@dataclasses.dataclass(frozen=True)
class TrainHparams:
    """The flags train.py names in its hparam string, in the string's order."""

    # adr: attention dropout rate.
    attention_dropout_rate: float
    # ara: aligned relative attention (the launcher: spec decomposer only).
    aligned_relative_attention: bool
    # dr: dropout rate.
    dropout_rate: float
    # e: the experiment (generalization split) trained on.
    experiment: str
    # ed: embedding (and qkv) width.
    embedding_dim: int
    # hd: MLP hidden width.
    hidden_dim: int
    # l: learning rate.
    lr: float
    # md: max distance of every relative attention but the program cross one.
    max_distance: int
    # mpced: max distance of the decoder's cross-attention.
    max_program_cross_embed_distance: int
    # npb: buckets of every relative-attention table.
    num_position_buckets: int
    # s: seed.
    seed: int
    # scnpr: synthesizer corrupted next-part rate.
    synthesizer_corrupted_next_part_rate: float
    # ura: relative attention (else sinusoidal positions).
    use_relative_attention: bool


# (abbreviation, field) in train.py's order.
HPARAM_KEYS = (
    ("adr", "attention_dropout_rate"),
    ("ara", "aligned_relative_attention"),
    ("dr", "dropout_rate"),
    ("e", "experiment"),
    ("ed", "embedding_dim"),
    ("hd", "hidden_dim"),
    ("l", "lr"),
    ("md", "max_distance"),
    ("mpced", "max_program_cross_embed_distance"),
    ("npb", "num_position_buckets"),
    ("s", "seed"),
    ("scnpr", "synthesizer_corrupted_next_part_rate"),
    ("ura", "use_relative_attention"),
)
_FIELD_TYPES = {f.name: f.type for f in dataclasses.fields(TrainHparams)}


def _parse_value(text: str, key: str, kind, whole: str):
    def bad(expected):
        return CheckpointConfigError(
            f"hparam string {whole!r}: {key}={text!r} is not {expected}"
        )

    if kind is bool:
        # Python's str() of a bool, as train.py writes it.
        if text not in ("True", "False"):
            raise bad("True or False")
        return text == "True"
    if kind is int:
        if not re.fullmatch(r"-?\d+", text):
            raise bad("an integer")
        return int(text)
    if kind is float:
        try:
            return float(text)
        except ValueError:
            raise bad("a number") from None
    try:
        return parse_experiment(text).name
    except ValueError:
        raise bad("an experiment name") from None


def parse_hparam_str(text: str) -> TrainHparams:
    """Parses train.py's `abbr=value,...` string (any order, every key once).

    Raises:
      CheckpointConfigError: a malformed item, an unknown, repeated or
        missing key, or a value of the wrong type; the message names it.
    """
    names = dict(HPARAM_KEYS)
    values = {}
    for item in text.split(","):
        key, sep, value = item.partition("=")
        if not sep:
            raise CheckpointConfigError(
                f"hparam string {text!r}: item {item!r} is not abbr=value"
            )
        if key not in names:
            raise CheckpointConfigError(
                f"hparam string {text!r}: unknown key {key!r} (train.py writes "
                f"{', '.join(k for k, _ in HPARAM_KEYS)})"
            )
        if names[key] in values:
            raise CheckpointConfigError(f"hparam string {text!r}: {key} given twice")
        field = names[key]
        values[field] = _parse_value(value, key, _FIELD_TYPES[field], text)
    missing = [k for k, field in HPARAM_KEYS if field not in values]
    if missing:
        raise CheckpointConfigError(
            f"hparam string {text!r}: missing {', '.join(missing)}"
        )
    return TrainHparams(**values)


def format_hparam_str(hparams: TrainHparams) -> str:
    """The string train.py writes for these flags (`str()` of each value)."""
    return ",".join(f"{key}={getattr(hparams, field)}" for key, field in HPARAM_KEYS)


@dataclasses.dataclass(frozen=True)
class TrainCheckpointLocation:
    """Where a checkpoint file lies in train.py's directory layout.

    Attributes:
      file: the `checkpoint_<step>` file (the newest one for a directory).
      hparams: parsed from its directory's name, None if that is no hparam
        string.
      model_type: from the directory above `checkpoints/`, if it names one.
      domain: from the directory above that, if it names one.
    """

    file: pathlib.Path
    hparams: TrainHparams | None
    model_type: ModelType | None
    domain: str | None


def _has_checkpoints(path: pathlib.Path) -> bool:
    try:
        checkpoint_file(path)
    except FileNotFoundError:
        return False
    return True


def _model_type_named(name: str) -> ModelType | None:
    try:
        return ModelType.parse(name)
    except ConfigError:
        return None


def _run_directory(path: pathlib.Path) -> pathlib.Path:
    """The directory holding the checkpoint files (see locate_train_checkpoint)."""
    if path.is_file() or _has_checkpoints(path):
        return path
    if (path / "checkpoints").is_dir():
        path = path / "checkpoints"
    runs = sorted(p for p in path.iterdir() if p.is_dir() and _has_checkpoints(p))
    if not runs:
        raise FileNotFoundError(
            f"no checkpoint_<step> file in {path} or in a directory below it "
            f"(train.py writes <model_type>/checkpoints/<hparam_str>/checkpoint_<step>)"
        )
    if len(runs) > 1:
        raise CheckpointConfigError(
            f"{path} holds {len(runs)} runs; give one of them: "
            + ", ".join(p.name for p in runs)
        )
    return runs[0]


def locate_train_checkpoint(path) -> TrainCheckpointLocation:
    """Finds the checkpoint file and what its directories say about it.

    Args:
      path: a `checkpoint_<step>` file; an hparam directory (its newest
        step); a `checkpoints/` directory or the `<model_type>/` directory
        above it, holding one hparam directory.

    Raises:
      FileNotFoundError: no checkpoint there.
      CheckpointConfigError: several runs below `path`, or a directory name
        that looks like a malformed hparam string.
    """
    path = pathlib.Path(path).expanduser()
    if not path.exists():
        raise FileNotFoundError(f"checkpoint {path} does not exist")
    run = _run_directory(path)
    file = checkpoint_file(run)
    folder = file.parent.resolve()
    hparams = parse_hparam_str(folder.name) if "=" in folder.name else None
    model_type = domain = None
    if folder.parent.name == "checkpoints":
        model_type = _model_type_named(folder.parent.parent.name)
        if model_type is not None and folder.parent.parent.parent.name in DOMAINS:
            domain = folder.parent.parent.parent.name
    return TrainCheckpointLocation(file, hparams, model_type, domain)


def _shape(params: Mapping, path: str) -> tuple[int, ...]:
    if path not in params:
        raise CheckpointConfigError(f"the checkpoint has no parameter {path!r}")
    return tuple(np.shape(params[path]))


def _num_layers(params: Mapping) -> int:
    """The block count, the same in all three stacks."""
    counts = {}
    for stack in (
        "encoder/encoderblock",
        "encoder/encoderdecoderblock",
        "decoder/encoderdecoderblock",
    ):
        pattern = re.compile(rf"{stack}_(\d+)/")
        found = {int(m.group(1)) for p in params if (m := pattern.match(p))}
        if found != set(range(len(found))):
            raise CheckpointConfigError(
                f"the checkpoint's {stack}_<l> blocks are not numbered 0..n-1: "
                f"{sorted(found)}"
            )
        counts[stack] = len(found)
    if len(set(counts.values())) != 1 or not counts["encoder/encoderblock"]:
        raise CheckpointConfigError(
            "the checkpoint's stacks have different (or no) block counts: "
            + ", ".join(f"{s} {n}" for s, n in counts.items())
        )
    return counts["encoder/encoderblock"]


# The relative-bias table of each attention kind in block 0 (models.md §10.1).
_BUCKET_TABLES = {
    "num_input_relative_position_buckets": "encoder/encoderblock_0/"
    "RelativeSelfAttention_0",
    "num_output_relative_position_buckets": "encoder/encoderdecoderblock_0/"
    "RelativeSelfAttention_0",
    "num_input_cross_output_relative_position_buckets": "encoder/"
    "encoderdecoderblock_0/RelativeMultiHeadDotProductAttention_0",
    "num_program_relative_position_buckets": "decoder/encoderdecoderblock_0/"
    "RelativeSelfAttention_0",
    "num_program_cross_embed_relative_position_buckets": "decoder/"
    "encoderdecoderblock_0/RelativeMultiHeadDotProductAttention_0",
}


@dataclasses.dataclass(frozen=True)
class ParamShapes:
    """What the parameter shapes alone say about a model."""

    vocab_size: int
    output_vocab_size: int
    emb_dim: int
    num_heads: int
    qkv_dim: int
    mlp_dim: int
    num_layers: int
    use_relative_attention: bool
    # Bucket count per TransformerConfig field (relative attention only).
    buckets: Mapping[str, int]


def param_shapes(params: Mapping) -> ParamShapes:
    """Reads sizes from a flat `{flax path: array}` parameter dict.

    Raises:
      CheckpointConfigError: a parameter the reading needs is missing, or the
        stacks disagree on their block count.
    """
    vocab_size, emb_dim = _shape(params, "encoder/embed/embedding")
    output_vocab_size = _shape(params, "decoder/embed_output/embedding")[0]
    relative = any(p.endswith("/Embed_0/embedding") for p in params)
    attention = "RelativeSelfAttention_0" if relative else "SelfAttention_0"
    query = _shape(params, f"encoder/encoderblock_0/{attention}/query/kernel")
    if len(query) != 3:
        raise CheckpointConfigError(
            f"attention query kernels must be [D, H, dh], got {list(query)}"
        )
    mlp = _shape(params, "encoder/encoderblock_0/MLPBlock_0/Dense_0/kernel")
    buckets = {}
    if relative:
        buckets = {
            field: _shape(params, f"{module}/Embed_0/embedding")[0]
            for field, module in _BUCKET_TABLES.items()
        }
    return ParamShapes(
        vocab_size=vocab_size,
        output_vocab_size=output_vocab_size,
        emb_dim=emb_dim,
        num_heads=query[1],
        qkv_dim=query[1] * query[2],
        mlp_dim=mlp[1],
        num_layers=_num_layers(params),
        use_relative_attention=relative,
        buckets=buckets,
    )


def _vocab_matches(shapes: ParamShapes, domain: str, model_type: ModelType) -> bool:
    sizes = paper_sizes(domain, model_type)
    return (sizes.vocab_size, sizes.output_vocab_size) == (
        shapes.vocab_size,
        shapes.output_vocab_size,
    )


def infer_domain_and_model_type(
    shapes: ParamShapes,
    domain: str | None,
    model_type: ModelType | str | None,
    where: str,
) -> tuple[str, ModelType]:
    """Completes the domain and model type from the vocabulary sizes.

    Args:
      shapes: the checkpoint's sizes.
      domain, model_type: what is known (from the path or the caller), or
        None; a known one must fit the vocabularies if its domain's do.
      where: names the checkpoint in messages.

    Raises:
      CheckpointConfigError: no or several candidates, or a known value that
        contradicts the vocabulary sizes.
      ConfigError: an unknown model type name.
    """
    model_type = None if model_type is None else ModelType.parse(model_type)
    if domain is not None and domain not in DOMAINS:
        raise CheckpointConfigError(
            f"unknown domain {domain!r}; expected one of {DOMAINS}"
        )
    candidates = [
        (d, m)
        for d in DOMAINS
        for m in ModelType
        if (domain is None or d == domain)
        and (model_type is None or m == model_type)
        and _vocab_matches(shapes, d, m)
    ]
    vocab = f"V_in={shapes.vocab_size}, V_out={shapes.output_vocab_size}"
    if domain is not None and model_type is not None:
        # Custom vocabularies (e.g. another DeepCoder max_int) are fine when
        # both are named; a contradiction of a domain's own sizes is not.
        if not candidates and any(_vocab_matches(shapes, domain, m) for m in ModelType):
            raise CheckpointConfigError(
                f"{where}: vocabularies {vocab} are those of another {domain} "
                f"model type, not {model_type}"
            )
        return domain, model_type
    if len(candidates) == 1:
        return candidates[0]
    known = ", ".join(
        f"{name}={value}"
        for name, value in (("domain", domain), ("model_type", model_type))
        if value is not None
    )
    if not candidates:
        raise CheckpointConfigError(
            f"{where}: vocabularies {vocab}{' with ' + known if known else ''} "
            f"fit no published domain and model type; name both (the original's "
            f"layout puts them in <domain>/<model_type>/checkpoints/)"
        )
    names = ", ".join(f"{d} {m}" for d, m in candidates)
    missing = "model type" if len({d for d, _ in candidates}) == 1 else "domain"
    raise CheckpointConfigError(
        f"{where}: vocabularies {vocab} fit {names}; name the {missing} (the "
        f"original's layout puts it in <domain>/<model_type>/checkpoints/)"
    )


def _check_agrees(hparams: TrainHparams, shapes: ParamShapes, where: str) -> None:
    checks = [
        ("ed", hparams.embedding_dim, "embedding width", shapes.emb_dim),
        ("hd", hparams.hidden_dim, "MLP width", shapes.mlp_dim),
        (
            "ura",
            hparams.use_relative_attention,
            "relative attention",
            shapes.use_relative_attention,
        ),
    ]
    checks += [
        ("npb", hparams.num_position_buckets, field, count)
        for field, count in shapes.buckets.items()
    ]
    for key, value, what, found in checks:
        if value != found:
            raise CheckpointConfigError(
                f"{where}: its hparam string says {key}={value} but its "
                f"parameters have {what} {found}"
            )


def infer_model_config(
    shapes: ParamShapes, hparams: TrainHparams, domain: str, model_type: ModelType
) -> TransformerConfig:
    """The TransformerConfig train.py built for this checkpoint.

    Starts from the published config of the domain and model type (for the
    fields neither source holds: BOS, `max_len` and the separator id), takes
    every size from the shapes and the rest from the hparam string.

    Raises:
      CheckpointConfigError: the hparam string contradicts the shapes.
      ValueError: the combination is not a valid TransformerConfig.
    """
    _check_agrees(hparams, shapes, f"checkpoint {format_hparam_str(hparams)!r}")
    distance = hparams.max_distance
    values = dict(
        vocab_size=shapes.vocab_size,
        output_vocab_size=shapes.output_vocab_size,
        emb_dim=shapes.emb_dim,
        num_heads=shapes.num_heads,
        num_layers=shapes.num_layers,
        qkv_dim=shapes.qkv_dim,
        mlp_dim=shapes.mlp_dim,
        dropout_rate=hparams.dropout_rate,
        attention_dropout_rate=hparams.attention_dropout_rate,
        use_relative_attention=hparams.use_relative_attention,
        max_input_distance=distance,
        max_output_distance=distance,
        max_input_cross_output_distance=distance,
        max_program_distance=distance,
        max_program_cross_embed_distance=hparams.max_program_cross_embed_distance,
        aligned_relative_attention=hparams.aligned_relative_attention,
    )
    for field, _ in _BUCKET_TABLES.items():
        values[field] = shapes.buckets.get(field, hparams.num_position_buckets)
    return paper_config(domain, model_type, **values)


@dataclasses.dataclass(frozen=True)
class InferredCheckpointConfig:
    """A train.py checkpoint's model, as far as the checkpoint tells it."""

    domain: str
    model_type: ModelType
    model: TransformerConfig
    hparams: TrainHparams


def infer_checkpoint_config(
    location: TrainCheckpointLocation,
    params: Mapping,
    domain: str | None = None,
    model_type: ModelType | str | None = None,
) -> InferredCheckpointConfig:
    """Joins the hparam string, the directories and the parameter shapes.

    Args:
      location: from `locate_train_checkpoint`.
      params: the checkpoint's flat `{flax path: array}` parameters.
      domain, model_type: given by the caller; each must agree with the
        location's when both are known, and fills in what it lacks.

    Raises:
      CheckpointConfigError: no hparam string, contradicting sources, or an
        undecidable domain / model type.
    """
    where = str(location.file)
    if location.hparams is None:
        raise CheckpointConfigError(
            f"{where} does not lie in a train.py hparam directory "
            f"(<model_type>/checkpoints/adr=...,ura=.../checkpoint_<step>), so its "
            f"config cannot be inferred; give the config explicitly"
        )
    for name, given, found in (
        ("domain", domain, location.domain),
        ("model_type", model_type, location.model_type),
    ):
        if name == "model_type" and given is not None:
            given = ModelType.parse(given)
        if given is not None and found is not None and given != found:
            raise CheckpointConfigError(
                f"{where}: {name} '{given}' was given but the path says '{found}'"
            )
    shapes = param_shapes(params)
    domain, model_type = infer_domain_and_model_type(
        shapes, domain or location.domain, model_type or location.model_type, where
    )
    model = infer_model_config(shapes, location.hparams, domain, model_type)
    return InferredCheckpointConfig(domain, model_type, model, location.hparams)
