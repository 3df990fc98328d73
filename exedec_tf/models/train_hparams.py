"""train.py's hparam string: the run's flags, parsed and written back.

train.py saves to `<save_dir>/checkpoints/<hparam_str>/checkpoint_<step>`;
the hparam string names the run's flags (pretrained.md, models.md §10.3):

    adr=0.1,ara=True,dr=0.1,e=NONE,ed=512,hd=1024,l=0.0002,md=200,mpced=800,npb=32,s=10,scnpr=0.0,ura=True
"""

import dataclasses
import re

from exedec_tf.errors import ExeDecError
from exedec_tf.experiments import parse_experiment


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
