"""`SearchModule`: the one `tf.Module` of a model's beam search.

Its three `tf.function` methods are both what an in-process search calls
and what an export saves as serving signatures (inference.md §1.10 and §3).
E, L and T come from the `SearchSettings`; B and K are dynamic:

* `beam_search(inputs, outputs, init_scores, init_finished)`: int32
  `[B,K,E,L]` twice, float32 `[B,K]`, bool `[B,K]` -> `seqs` int32
  `[B,K,T-1]`, `scores` float32 `[B,K]`, `origin` int32 `[B,K]`.
* `encode(inputs, outputs)`: int32 `[N,E,L]` twice -> `encoded` float32
  `[N,E,L,D]`, `mask` float32 `[N,E,L]`.
* `decode_logits(programs, encoded, mask)`: int32 `[N,T]`, float32
  `[N,E,L,D]`, float32 `[N,E,L]` -> `logits` float32 `[N,T,V]` (the full
  pass, for tests).

The methods check what the static signature cannot (token ids inside the
vocabulary, B and K agreeing across arguments) with graph assertions whose
messages name the input, before the (XLA-compiled) search runs: a loaded
SavedModel keeps them without any Python.
"""

import tensorflow as tf

from exedec_tf.decoding.model_search import encode_slots, model_beam_search
from exedec_tf.decoding.validation import BeamSearchInputError


def _check_ids(name, ids, vocab_size):
    return [
        tf.debugging.assert_non_negative(
            ids, message=f"{name} holds a negative token id"
        ),
        tf.debugging.assert_less(
            ids,
            tf.constant(vocab_size, tf.int32),
            message=f"{name} holds a token id outside the vocabulary [0, {vocab_size})",
        ),
    ]


class SearchModule(tf.Module):
    """Encode / decode / beam search of one ExeDec model, exportable as is.

    Args:
      model: an `ExeDecTransformer` with its weights.
      settings: the `SearchSettings` (e.g. `SearchSettings.for_model(...)`).

    Attributes:
      settings: the settings it was built with.
      model_config: the model's `TransformerConfig`.

    Example:

    >>> settings = SearchSettings.for_model(
    ...     model, num_examples=4, spec_length=200, max_decode_length=100)
    >>> module = SearchModule(model, settings)
    >>> module.beam_search(inputs, outputs, init_scores, init_finished)["seqs"]
    """

    def __init__(self, model, settings):
        super().__init__(name="exedec_beam_search")
        if settings.spec_vocab_size != model.config.vocab_size or (
            settings.vocab_size != model.config.output_vocab_size
        ):
            raise BeamSearchInputError(
                f"settings for vocabularies ({settings.spec_vocab_size}, "
                f"{settings.vocab_size}) do not fit the model's "
                f"({model.config.vocab_size}, {model.config.output_vocab_size})"
            )
        self.settings = settings
        self.model_config = model.config
        # Track the backend tf.Variables, not the Keras model or its Keras
        # variables: only then does the TF1 session loader (saved_model_cli,
        # TF Serving) restore them ("Could not find variable" otherwise).
        self.model_variables = [variable.value for variable in model.variables]
        e, length, t = (
            settings.num_examples,
            settings.spec_length,
            settings.max_decode_length,
        )
        spec_vocab, output_vocab = settings.spec_vocab_size, settings.vocab_size
        width = model.config.emb_dim

        def search(inputs, outputs, init_scores, init_finished):
            return tuple(
                model_beam_search(
                    model, inputs, outputs, init_scores, init_finished, settings
                )
            )

        compiled = tf.function(search, jit_compile=settings.jit_compile)

        @tf.function(
            input_signature=[
                tf.TensorSpec([None, None, e, length], tf.int32, name="inputs"),
                tf.TensorSpec([None, None, e, length], tf.int32, name="outputs"),
                tf.TensorSpec([None, None], tf.float32, name="init_scores"),
                tf.TensorSpec([None, None], tf.bool, name="init_finished"),
            ]
        )
        def beam_search(inputs, outputs, init_scores, init_finished):
            batch_beam = tf.shape(inputs)[:2]
            # The signature fixes E and L, but a restored function called
            # with other shapes may still reach the graph: check again here.
            checks = []
            for name, value in (("inputs", inputs), ("outputs", outputs)):
                checks.append(
                    tf.debugging.assert_equal(
                        tf.shape(value)[-2:],
                        tf.constant([e, length]),
                        message=f"{name} must have shape [B, K, {e}, {length}]",
                    )
                )
            checks += _check_ids("inputs", inputs, spec_vocab)
            checks += _check_ids("outputs", outputs, spec_vocab)
            for name, value in (
                ("outputs", tf.shape(outputs)[:2]),
                ("init_scores", tf.shape(init_scores)),
                ("init_finished", tf.shape(init_finished)),
            ):
                checks.append(
                    tf.debugging.assert_equal(
                        value,
                        batch_beam,
                        message=f"{name} must have the [B, K] of inputs "
                        f"(inputs are [B, K, {e}, {length}])",
                    )
                )
            checks.append(
                tf.debugging.assert_positive(
                    tf.reduce_prod(batch_beam), message="B and K must be >= 1"
                )
            )
            with tf.control_dependencies(checks):
                inputs, outputs = tf.identity(inputs), tf.identity(outputs)
                init_scores = tf.identity(init_scores)
                init_finished = tf.identity(init_finished)
            seqs, scores, origin = compiled(inputs, outputs, init_scores, init_finished)
            return {"seqs": seqs, "scores": scores, "origin": origin}

        @tf.function(
            input_signature=[
                tf.TensorSpec([None, e, length], tf.int32, name="inputs"),
                tf.TensorSpec([None, e, length], tf.int32, name="outputs"),
            ]
        )
        def encode(inputs, outputs):
            checks = _check_ids("inputs", inputs, spec_vocab)
            checks += _check_ids("outputs", outputs, spec_vocab)
            with tf.control_dependencies(checks):
                encoded, mask = encode_slots(model, inputs[None], outputs[None])
            return {"encoded": encoded[0], "mask": mask[0]}

        @tf.function(
            input_signature=[
                tf.TensorSpec([None, t], tf.int32, name="programs"),
                tf.TensorSpec([None, e, length, width], tf.float32, name="encoded"),
                tf.TensorSpec([None, e, length], tf.float32, name="mask"),
            ]
        )
        def decode_logits(programs, encoded, mask):
            checks = _check_ids("programs", programs, output_vocab)
            with tf.control_dependencies(checks):
                logits = model.decode(programs, encoded, mask, shift=False)
            return {"logits": logits}

        self.beam_search = beam_search
        self.encode = encode
        self.decode_logits = decode_logits
        # A plain closure: tf.Module does not track (or export) it.
        self._tracing_count = compiled.experimental_get_tracing_count

    def signatures(self) -> dict:
        """The serving signatures, by name."""
        return {
            "beam_search": self.beam_search.get_concrete_function(),
            "encode": self.encode.get_concrete_function(),
            "decode_logits": self.decode_logits.get_concrete_function(),
        }

    def tracing_count(self) -> int:
        """How many times the search has been traced (1 after any number of
        calls: B and K are dynamic)."""
        return self._tracing_count()
