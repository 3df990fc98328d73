"""`SearchSettings`: every knob of one model's beam search, in one place."""

import dataclasses
from collections.abc import Mapping
from typing import Any

from exedec_tf.decoding.validation import BeamSearchInputError, check_search_settings


@dataclasses.dataclass(frozen=True)
class SearchSettings:
    """How one model's beam search runs (inference.md §1), validated.

    The shapes E, L and T are fixed per search (B and K stay dynamic): the
    exported signatures are built from them, and in-process searches compile
    once for them. Build it with `for_model` (the special ids and
    vocabulary sizes then come from the model's config) or `from_experiment`.

    Raises:
      BeamSearchInputError: a field has a wrong type or value; the message
        names it.
    """

    # E: I/O examples per problem.
    num_examples: int
    # L: padded length of every spec row (the end-to-end L, inference.md §4).
    spec_length: int
    # T: decode buffer length, BOS included; results have T - 1 tokens.
    max_decode_length: int
    # Ids below this are valid spec tokens (the model's `vocab_size`).
    spec_vocab_size: int
    # V of the output vocabulary (the model's `output_vocab_size`).
    vocab_size: int
    # Token at position 0 of every hypothesis.
    bos_token: int = 1
    # The end marker.
    eos_token: int = 2
    # Padding id (the models treat ids <= 0 as padding).
    pad_token: int = 0
    # Brevity-penalty exponent; every ExeDec caller uses 0.
    alpha: float = 0.0
    # Step the layers' key/value caches (True) or re-decode the whole buffer
    # every step (the original's slow decode); models with sinusoidal
    # positions always re-decode.
    cached: bool = True
    # XLA-compile the search.
    jit_compile: bool = True

    def __post_init__(self):
        check_search_settings(self)
        # NumPy integers pass the checks; store plain Python values (JSON).
        for field in dataclasses.fields(self):
            kind = {int: int, float: float}.get(field.type)
            if kind is not None:
                object.__setattr__(self, field.name, kind(getattr(self, field.name)))

    @classmethod
    def for_model(
        cls,
        model,
        *,
        num_examples: int,
        spec_length: int,
        max_decode_length: int,
        alpha: float = 0.0,
        cached: bool = True,
        jit_compile: bool = True,
    ) -> "SearchSettings":
        """Settings of a search with `model` (an `ExeDecTransformer` or its
        `TransformerConfig`): special ids and vocabulary sizes are the
        model config's."""
        config = getattr(model, "config", model)
        return cls(
            num_examples=num_examples,
            spec_length=spec_length,
            max_decode_length=max_decode_length,
            spec_vocab_size=config.vocab_size,
            vocab_size=config.output_vocab_size,
            bos_token=config.bos_token,
            eos_token=config.eos_token,
            pad_token=config.pad_token,
            alpha=alpha,
            cached=cached,
            jit_compile=jit_compile,
        )

    @classmethod
    def from_experiment(cls, experiment, **overrides) -> "SearchSettings":
        """Settings of an `ExperimentConfig`: E from its data section, L, T,
        `cached` and `jit_compile` from its inference section; `overrides`
        replace any of the `for_model` keywords."""
        inference = experiment.inference
        values = dict(
            num_examples=experiment.data.num_examples,
            spec_length=inference.spec_length,
            max_decode_length=inference.max_decode_length,
            cached=inference.cached,
            jit_compile=inference.jit_compile,
        )
        values.update(overrides)
        return cls.for_model(experiment.model, **values)

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible dict of all fields."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> "SearchSettings":
        """The settings in `values` (other keys are ignored, so an export's
        config asset will do; `pad_token` defaults to 0 for exports written
        before it was recorded)."""
        fields = dataclasses.fields(cls)
        missing = [
            field.name
            for field in fields
            if field.default is dataclasses.MISSING and field.name not in values
        ]
        if missing:
            raise BeamSearchInputError(f"search settings lack {missing}")
        names = {field.name for field in fields}
        return cls(**{k: v for k, v in values.items() if k in names})
