"""Beam search (inference.md §1) and its drivers for ExeDec models.

A search is configured by one `SearchSettings`, run by one `SearchModule`
(whose methods are also the exported signatures) and called from NumPy
through one `NumpyBeamSearch`.
"""

from exedec_tf.decoding.beam_search import (
    NEG_INF,
    BeamSearchResult,
    beam_search,
    standard_init,
)
from exedec_tf.decoding.model_search import model_beam_search
from exedec_tf.decoding.numpy_beam_search import NumpyBeamSearch
from exedec_tf.decoding.search_module import SearchModule
from exedec_tf.decoding.settings import SearchSettings
from exedec_tf.decoding.validation import (
    BeamSearchInputError,
    check_beam_search_args,
)

__all__ = [
    "NEG_INF",
    "BeamSearchInputError",
    "BeamSearchResult",
    "NumpyBeamSearch",
    "SearchModule",
    "SearchSettings",
    "beam_search",
    "check_beam_search_args",
    "model_beam_search",
    "standard_init",
]
