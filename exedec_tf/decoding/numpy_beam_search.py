"""`NumpyBeamSearch`: the one NumPy `BeamSearchModel` of the project."""

import numpy as np
import tensorflow as tf

from exedec_tf.decoding.search_module import SearchModule
from exedec_tf.decoding.validation import check_beam_search_args


class NumpyBeamSearch:
    """A `beam_search` signature with NumPy in and out, validated in Python.

    It satisfies `exedec_tf.synthesis.beam_model.BeamSearchModel` over the
    `beam_search` of a `SearchModule`: in process (`for_model`) or the same
    signature restored from a SavedModel
    (`exedec_tf.serving.load_beam_search_model`).

    Args:
      search: callable with keywords `inputs`, `outputs`, `init_scores`,
        `init_finished` returning a dict with `seqs`, `scores`, `origin`
        (`SearchModule.beam_search` or a loaded signature).
      settings: the `SearchSettings` the signature was built with.
      export_config: the export's config asset, when loaded from one.
      tracing_count: optional callable, how often the search was traced.
      owner: an object the search needs alive (the loaded SavedModel whose
        variables a restored signature reads).

    Attributes:
      settings, export_config, model_type, and the protocol's `num_examples`,
      `spec_length`, `max_decode_length`, `vocab_size` (from `settings`).

    Example:

    >>> settings = SearchSettings.for_model(
    ...     model, num_examples=4, spec_length=200, max_decode_length=100)
    >>> searcher = NumpyBeamSearch.for_model(model, settings)
    >>> seqs, scores, origin = searcher.beam_search(inputs, outputs, s, f)
    """

    def __init__(
        self, search, settings, export_config=None, tracing_count=None, owner=None
    ):
        self._search = search
        self._owner = owner
        self.settings = settings
        self.export_config = export_config
        self._tracing_count = tracing_count
        self.num_examples = settings.num_examples
        self.spec_length = settings.spec_length
        self.max_decode_length = settings.max_decode_length
        self.vocab_size = settings.vocab_size

    @property
    def model_type(self) -> str | None:
        """The model type an export records (None in process)."""
        return (self.export_config or {}).get("model_type")

    @classmethod
    def for_model(cls, model, settings) -> "NumpyBeamSearch":
        """The in-process search of a Keras `ExeDecTransformer`."""
        module = SearchModule(model, settings)
        return cls(module.beam_search, settings, tracing_count=module.tracing_count)

    def beam_search(self, inputs, outputs, init_scores, init_finished):
        """Runs one beam search per batch item; see `BeamSearchModel`.

        Raises:
          BeamSearchInputError: a wrong shape, dtype or out-of-vocabulary id.
        """
        inputs, outputs, scores, finished = check_beam_search_args(
            inputs, outputs, init_scores, init_finished, self.settings
        )
        result = self._search(
            inputs=tf.constant(inputs),
            outputs=tf.constant(outputs),
            init_scores=tf.constant(scores),
            init_finished=tf.constant(finished),
        )
        return (
            np.asarray(result["seqs"]),
            np.asarray(result["scores"]),
            np.asarray(result["origin"]),
        )

    def tracing_count(self) -> int:
        """How many times the search function has been traced.

        Raises:
          TypeError: the search was loaded (it is not traced here).
        """
        if self._tracing_count is None:
            raise TypeError("a loaded search is not traced in this process")
        return self._tracing_count()
