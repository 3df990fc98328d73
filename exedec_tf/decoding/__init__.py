"""Beam search (inference.md §1) and its drivers for ExeDec models."""

from exedec_tf.decoding.beam_search import (
    NEG_INF,
    BeamSearchResult,
    beam_search,
    standard_init,
)
from exedec_tf.decoding.keras_beam_search_model import KerasBeamSearchModel
from exedec_tf.decoding.model_search import model_beam_search
from exedec_tf.decoding.validation import (
    BeamSearchInputError,
    check_beam_search_args,
)

__all__ = [
    "NEG_INF",
    "BeamSearchInputError",
    "BeamSearchResult",
    "KerasBeamSearchModel",
    "beam_search",
    "check_beam_search_args",
    "model_beam_search",
    "standard_init",
]
