"""The whole model config of a checkpoint written by the original's train.py.

The hparam string fixes the dropouts, the attention kind and its distances
(`train_hparams`); the parameter shapes fix the rest (vocabularies, width,
heads, layers, MLP width, bucket counts); the directories above it name the
model type and the domain (`train_checkpoint_location`).
`infer_model_config` joins the three and checks that they agree.

Example:

    location = locate_train_checkpoint("trained_models/robustfill/synthesizer_model")
    checkpoint = read_flax_checkpoint(location.file)
    inferred = infer_checkpoint_config(location, checkpoint.flat_params())
    inferred.model  # a TransformerConfig
"""

import dataclasses
import re
from collections.abc import Mapping

import numpy as np

from exedec_tf.models.config import TransformerConfig
from exedec_tf.models.model_type import ModelType
from exedec_tf.models.paper_configs import DOMAINS, paper_config, paper_sizes
from exedec_tf.models.train_checkpoint_location import TrainCheckpointLocation
from exedec_tf.models.train_hparams import (
    CheckpointConfigError,
    TrainHparams,
    format_hparam_str,
)


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
