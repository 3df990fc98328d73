"""`BeamSearchModel` backed by an in-process Keras ExeDec model."""

import numpy as np
import tensorflow as tf

from exedec_tf.decoding.model_search import model_beam_search
from exedec_tf.decoding.validation import check_beam_search_args


class KerasBeamSearchModel:
    """Wraps an `ExeDecTransformer` with the beam search of inference.md §1.10.

    It satisfies `exedec_tf.synthesis.beam_model.BeamSearchModel`. The search
    is one `tf.function` with a fixed input signature (dynamic B and K), so
    calls never retrace; with `jit_compile` XLA compiles it once per (B, K).

    Args:
      model: an `ExeDecTransformer` (SpecDecomposer, Synthesizer, Joint or
        Baseline) with its weights.
      num_examples: E.
      spec_length: L, the padded spec length the search is run with (the
        end-to-end L can differ from the training L, inference.md §4).
      max_decode_length: T, the decode buffer length including BOS.
      alpha: brevity-penalty exponent (ExeDec uses 0).
      bos_token: BOS id.
      eos_token: EOS id.
      cached: use the key/value-cached decoder (True) or re-decode the full
        buffer every step (the original's slow decode).
      jit_compile: compile the search with XLA.

    Example:

    >>> searcher = KerasBeamSearchModel(model, 4, 200, 100)
    >>> seqs, scores, origin = searcher.beam_search(inputs, outputs, s, f)
    """

    def __init__(
        self,
        model,
        num_examples: int,
        spec_length: int,
        max_decode_length: int,
        alpha: float = 0.0,
        bos_token: int = 1,
        eos_token: int = 2,
        cached: bool = True,
        jit_compile: bool = True,
    ):
        for name, value, low in (
            ("num_examples", num_examples, 1),
            ("spec_length", spec_length, 1),
            ("max_decode_length", max_decode_length, 2),
        ):
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                raise TypeError(f"{name} must be an int, got {value!r}")
            if value < low:
                raise ValueError(f"{name} must be >= {low}, got {value}")
        self.model = model
        self.num_examples = int(num_examples)
        self.spec_length = int(spec_length)
        self.max_decode_length = int(max_decode_length)
        self.vocab_size = int(model.config.output_vocab_size)
        self.spec_vocab_size = int(model.config.vocab_size)
        self.alpha = float(alpha)
        self.bos_token = int(bos_token)
        self.eos_token = int(eos_token)
        self.cached = bool(cached)
        spec = tf.TensorSpec(
            [None, None, self.num_examples, self.spec_length], tf.int32
        )
        self._search = tf.function(
            self._search_fn,
            input_signature=[
                spec,
                spec,
                tf.TensorSpec([None, None], tf.float32),
                tf.TensorSpec([None, None], tf.bool),
            ],
            jit_compile=jit_compile,
            reduce_retracing=True,
        )

    def _search_fn(self, inputs, outputs, init_scores, init_finished):
        return tuple(
            model_beam_search(
                self.model,
                inputs,
                outputs,
                init_scores,
                init_finished,
                self.max_decode_length,
                alpha=self.alpha,
                bos_token=self.bos_token,
                eos_token=self.eos_token,
                cached=self.cached,
            )
        )

    def beam_search(self, inputs, outputs, init_scores, init_finished):
        """Runs one beam search per batch item; see `BeamSearchModel`.

        Raises:
          BeamSearchInputError: a wrong shape, dtype or out-of-vocabulary id.
        """
        args = check_beam_search_args(
            inputs,
            outputs,
            init_scores,
            init_finished,
            self.num_examples,
            self.spec_length,
            self.spec_vocab_size,
        )
        seqs, scores, origin = self._search(*args)
        return np.asarray(seqs), np.asarray(scores), np.asarray(origin)

    def tracing_count(self) -> int:
        """How many times the search function has been traced."""
        return self._search.experimental_get_tracing_count()
