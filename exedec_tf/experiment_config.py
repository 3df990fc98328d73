"""The typed configuration of one whole run: model, data, training, inference.

An `ExperimentConfig` holds every knob of a run, so a stage (build the
dataset, train, export, evaluate, synthesize) is a function of a config and
some paths. Named configs live in the top-level `configs` registry; this
module never reads a name. Every section is a frozen, validated dataclass
with a JSON form (`to_dict` / `from_dict`), and `override` changes fields by
dotted path, from values or from command-line strings:

    config = config.override({"train.num_steps": 100, "inference.beam_size": "5"})
"""

import dataclasses
import hashlib
import json
import types
import typing
from collections.abc import Mapping
from typing import Any

from exedec_tf.data.split_sizes import (
    GENERATED_SPLITS,
    SplitSize,
    check_scale,
    split_sizes,
)
from exedec_tf.errors import ConfigError
from exedec_tf.experiments import parse_experiment
from exedec_tf.models.config import TransformerConfig
from exedec_tf.models.model_type import ModelType
from exedec_tf.models.paper_configs import DOMAINS


def _check_positive(section, names) -> None:
    for name in names:
        value = getattr(section, name)
        if type(value) is not int or value < 1:
            raise ConfigError(
                f"{type(section).__name__}.{name} must be a positive int, got {value!r}"
            )


def _check_bools(section, names) -> None:
    for name in names:
        value = getattr(section, name)
        if type(value) is not bool:
            raise ConfigError(
                f"{type(section).__name__}.{name} must be a bool, got {value!r}"
            )


# Values of `TrainConfig.mixed_precision`.
MIXED_PRECISIONS = ("float32", "bfloat16")


@dataclasses.dataclass(frozen=True)
class TrainConfig:
    """Optimisation and cadence of one training run."""

    # Global batch size (all replicas together); the paper used 8 x 16 = 128.
    batch_size: int = 128
    # Tasks per loss group: the loss is the mean of per-group token means.
    group_size: int = 16
    # Total optimiser updates (paper: 500,000).
    num_steps: int = 500_000
    # Peak learning rate of the warmup/rsqrt schedule.
    learning_rate: float = 2e-4
    # Linear warmup length (the original hard-codes 16,000).
    warmup_steps: int = 16_000
    # Decoupled weight decay, scaled by the learning rate.
    weight_decay: float = 0.1
    # Updates between checkpoints, evaluations and TensorBoard summaries.
    steps_per_loop: int = 1000
    # Held-out batches from the head of the training stream used for eval.
    eval_batches: int = 10
    # Probability of training the synthesizer on corrupted next parts.
    corruption_rate: float = 0.0
    # Seed of weight initialisation, dropout and corruption draws.
    seed: int = 10
    # Trim each batch's padding to bucketed lengths where the loss cannot
    # see it (`exedec_tf.training.data.bucketed_lengths`).
    length_buckets: bool = True
    # Compute dtype of the layers: "float32" (the original's numerics) or
    # "bfloat16" (Keras "mixed_bfloat16": float32 variables and loss).
    mixed_precision: str = "float32"

    def __post_init__(self):
        _check_positive(
            self,
            ("batch_size", "group_size", "num_steps", "warmup_steps", "steps_per_loop"),
        )
        if self.num_steps % self.steps_per_loop:
            raise ConfigError(
                f"num_steps {self.num_steps} must be a multiple of steps_per_loop "
                f"{self.steps_per_loop}"
            )
        if self.batch_size % self.group_size:
            raise ConfigError(
                f"batch_size={self.batch_size} must be a multiple of "
                f"group_size={self.group_size}"
            )
        if type(self.eval_batches) is not int or self.eval_batches < 0:
            raise ConfigError(f"eval_batches must be >= 0, got {self.eval_batches!r}")
        if self.learning_rate <= 0 or self.weight_decay < 0:
            raise ConfigError(
                "learning_rate must be > 0 and weight_decay >= 0, got "
                f"{self.learning_rate} and {self.weight_decay}"
            )
        if not 0.0 <= self.corruption_rate <= 1.0:
            raise ConfigError(
                f"corruption_rate must be in [0, 1], got {self.corruption_rate}"
            )
        if type(self.seed) is not int:
            raise ConfigError(f"seed must be an int, got {self.seed!r}")
        _check_bools(self, ("length_buckets",))
        if self.mixed_precision not in MIXED_PRECISIONS:
            raise ConfigError(
                f"mixed_precision must be one of {MIXED_PRECISIONS}, got "
                f"{self.mixed_precision!r}"
            )


@dataclasses.dataclass(frozen=True)
class DataConfig:
    """The dataset a run trains on and the static shapes of its examples."""

    # I/O examples per task, N (E of the searches).
    num_examples: int
    # Padded length of each input/output string in training, Li = Lo.
    max_input_length: int
    # Padded target length in training, T (EOS included).
    max_target_length: int
    # Generalization split of the generated dataset, e.g. "COMPOSE_NEW_OP".
    experiment: str = "NONE"
    # Size preset of the generated TFDS splits (see `data.split_sizes`).
    scale: str = "paper"
    # Per-split overrides of the scale, e.g. {"train": [4, 1000]}.
    sizes: Mapping[str, tuple[int, ...]] | None = None

    def __post_init__(self):
        _check_positive(self, ("num_examples", "max_input_length", "max_target_length"))
        try:
            experiment = parse_experiment(self.experiment).name
        except ValueError as error:
            raise ConfigError(str(error)) from None
        object.__setattr__(self, "experiment", experiment)
        check_scale(self.scale)
        if self.sizes is not None:
            if not isinstance(self.sizes, Mapping):
                raise ConfigError(
                    f"DataConfig.sizes must be a mapping, got {self.sizes!r}"
                )
            sizes = {}
            for split, value in self.sizes.items():
                if split not in GENERATED_SPLITS:
                    raise ConfigError(
                        f"DataConfig.sizes has unknown split {split!r}; expected "
                        f"{GENERATED_SPLITS}"
                    )
                size = value if isinstance(value, SplitSize) else SplitSize(*value)
                sizes[split] = dataclasses.astuple(size)
            object.__setattr__(self, "sizes", sizes)

    @property
    def tfds_config_name(self) -> str:
        """The TFDS builder config name this data is built under.

        Split-size overrides add a digest of them, so datasets of different
        sizes never share a folder.
        """
        name = f"{self.experiment.lower()}_{self.scale}"
        if self.sizes:
            text = json.dumps(self.sizes, sort_keys=True)
            name += "_" + hashlib.sha256(text.encode()).hexdigest()[:8]
        return name

    def split_sizes(self, domain: str) -> dict[str, SplitSize]:
        """The size of each generated split (the scale, then `sizes`)."""
        return split_sizes(domain, self.scale, self.sizes)


@dataclasses.dataclass(frozen=True)
class InferenceConfig:
    """How an exported model searches and how the ExeDec loop runs."""

    # Spec length L of the exported searches (registered configs: the
    # published end-to-end L); None: unset, which only exporting needs.
    spec_length: int | None = None
    # Maximum decode length T of the exported searches (EOS included).
    max_decode_length: int | None = None
    # Beam size K of the ExeDec loop and of every model's search.
    beam_size: int = 10
    # Penalise and finish beam elements that are invalid programs.
    detect_invalid: bool = True
    # Run partial programs to derive the next step's spec.
    use_execution: bool = True
    # Drop beam elements whose execution repeats an earlier one's.
    discard_repeat_functionality: bool = True
    # Key/value-cached decoding inside the exported search.
    cached: bool = True
    # XLA-compile the exported search.
    jit_compile: bool = True
    # Problems advancing through the ExeDec loop together.
    batch_size: int = 1

    def __post_init__(self):
        _check_positive(self, ("beam_size", "batch_size"))
        _check_positive(
            self,
            [
                n
                for n in ("spec_length", "max_decode_length")
                if getattr(self, n) is not None
            ],
        )
        if self.max_decode_length is not None and self.max_decode_length < 2:
            raise ConfigError(
                f"max_decode_length must be >= 2 (BOS and EOS), got "
                f"{self.max_decode_length}"
            )
        _check_bools(
            self,
            (
                "detect_invalid",
                "use_execution",
                "discard_repeat_functionality",
                "cached",
                "jit_compile",
            ),
        )


_SECTIONS = {
    "model": TransformerConfig,
    "data": DataConfig,
    "train": TrainConfig,
    "inference": InferenceConfig,
}


@dataclasses.dataclass(frozen=True)
class ExperimentConfig:
    """Everything one run needs besides the locations of its files.

    Raises:
      ConfigError: a field is invalid or the sections disagree; the message
        names the field and the value.
    """

    # Registered name, e.g. "robustfill_synthesizer_small".
    name: str
    # "robustfill" or "deepcoder".
    domain: str
    # The model type (either spelling is accepted and parsed).
    model_type: ModelType
    # The network.
    model: TransformerConfig
    # The dataset and the training shapes.
    data: DataConfig
    # Optimisation and cadence.
    train: TrainConfig
    # Exported searches and the ExeDec loop.
    inference: InferenceConfig

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise ConfigError(f"name must be a non-empty string, got {self.name!r}")
        if self.domain not in DOMAINS:
            raise ConfigError(f"domain must be one of {DOMAINS}, got {self.domain!r}")
        object.__setattr__(self, "model_type", ModelType.parse(self.model_type))
        for section, cls in _SECTIONS.items():
            value = getattr(self, section)
            if not isinstance(value, cls):
                raise ConfigError(
                    f"{section} must be a {cls.__name__}, got {type(value).__name__}"
                )
        if self.model.dataset_type != self.domain:
            raise ConfigError(
                f"model.dataset_type {self.model.dataset_type!r} differs from "
                f"domain {self.domain!r}"
            )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict of every field (sections nested)."""
        values = dataclasses.asdict(self)
        values["model_type"] = self.model_type.value
        return values

    def to_json(self) -> str:
        """`to_dict` as indented JSON."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> "ExperimentConfig":
        """Inverse of `to_dict`.

        Raises:
          ConfigError: unknown or missing keys, or invalid values.
        """
        _check_keys(cls, values, "ExperimentConfig")
        fields = dict(values)
        for section, section_cls in _SECTIONS.items():
            if section in fields and isinstance(fields[section], Mapping):
                _check_keys(section_cls, fields[section], section)
                fields[section] = section_cls(**fields[section])
        return cls(**fields)

    def override(self, changes: Mapping[str, Any]) -> "ExperimentConfig":
        """A copy with fields changed by dotted path, validated again.

        Args:
          changes: `{"train.num_steps": 100, "model.emb_dim": "64", ...}`;
            top-level scalar fields are named without a dot ("name"). A
            string value is converted to the field's type (so command-line
            text works): ints, floats, bools ("true"/"false"), "none" for
            optional fields, JSON for mappings.

        Raises:
          ConfigError: an unknown path or a value of the wrong type.
        """
        top: dict[str, Any] = {}
        sections: dict[str, dict[str, Any]] = {}
        for path, value in changes.items():
            section, _, name = path.rpartition(".")
            if not section:
                if name not in {f.name for f in dataclasses.fields(self)} or (
                    name in _SECTIONS
                ):
                    raise ConfigError(
                        f"unknown config field {path!r}; expected one of "
                        f"{_field_paths()}"
                    )
                top[name] = _coerce(path, value, _field_type(type(self), name))
                continue
            if section not in _SECTIONS:
                raise ConfigError(
                    f"unknown config section {section!r} in {path!r}; expected "
                    f"one of {sorted(_SECTIONS)}"
                )
            section_cls = _SECTIONS[section]
            names = {f.name for f in dataclasses.fields(section_cls)}
            if name not in names:
                raise ConfigError(
                    f"unknown config field {path!r}; {section} has {sorted(names)}"
                )
            sections.setdefault(section, {})[name] = _coerce(
                path, value, _field_type(section_cls, name)
            )
        for section, values in sections.items():
            top[section] = dataclasses.replace(getattr(self, section), **values)
        return dataclasses.replace(self, **top)


def _check_keys(cls, values: Mapping[str, Any], what: str) -> None:
    if not isinstance(values, Mapping):
        raise ConfigError(f"{what} must be a mapping, got {values!r}")
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(values) - names)
    if unknown:
        raise ConfigError(f"unknown {what} fields: {unknown}")
    missing = sorted(
        f.name
        for f in dataclasses.fields(cls)
        if f.name not in values
        and f.default is dataclasses.MISSING
        and f.default_factory is dataclasses.MISSING
    )
    if missing:
        raise ConfigError(f"missing {what} fields: {missing}")


def _field_paths() -> list[str]:
    top = [
        f.name for f in dataclasses.fields(ExperimentConfig) if f.name not in _SECTIONS
    ]
    return top + [f"{s}.<field>" for s in _SECTIONS]


def _field_type(cls, name: str):
    hints = typing.get_type_hints(cls)
    return hints[name]


_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


def _coerce(path: str, value: Any, annotation) -> Any:
    """Converts command-line text to the field's type; other values pass.

    The dataclasses validate the result, so only strings are converted here.
    """
    if not isinstance(value, str):
        return value
    optional = False
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is (
        typing.Union
    ):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        annotation = args[0]
    text = value.strip()
    if optional and text.lower() in ("none", "null"):
        return None
    origin = typing.get_origin(annotation) or annotation
    try:
        if annotation is bool:
            if text.lower() in _TRUE:
                return True
            if text.lower() in _FALSE:
                return False
            raise ValueError("expected true or false")
        if annotation is int:
            return int(text)
        if annotation is float:
            return float(text)
        if annotation is ModelType:
            return ModelType.parse(text)
        if origin is Mapping or origin is dict:
            return json.loads(text)
    except (ValueError, json.JSONDecodeError) as error:
        raise ConfigError(f"bad value {value!r} for {path}: {error}") from None
    return value
