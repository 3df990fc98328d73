"""The `tf.Module` exported for one trained ExeDec model.

It holds the model's variables and three functions with fixed signatures
(inference.md §1.10 and §3); E, L and T are fixed at export, B and K are
dynamic:

* `beam_search(inputs, outputs, init_scores, init_finished)`: int32
  `[B,K,E,L]` twice, float32 `[B,K]`, bool `[B,K]` -> `seqs` int32
  `[B,K,T-1]`, `scores` float32 `[B,K]`, `origin` int32 `[B,K]`.
* `encode(inputs, outputs)`: int32 `[N,E,L]` twice -> `encoded` float32
  `[N,E,L,D]`, `mask` float32 `[N,E,L]`.
* `decode_logits(programs, encoded, mask)`: int32 `[N,T]`, float32
  `[N,E,L,D]`, float32 `[N,E,L]` -> `logits` float32 `[N,T,V]` (the full
  pass, for tests).

The signature functions check what the static signature cannot (token ids
inside the vocabulary, B and K agreeing across arguments) with assertions
whose messages name the input, before the XLA-compiled search runs.
"""

import tensorflow as tf

from exedec_tf.decoding.model_search import encode_slots, model_beam_search


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


class BeamSearchExportModule(tf.Module):
    """Exportable encode / decode / beam search of one ExeDec model.

    Args:
      model: an `ExeDecTransformer` with trained weights.
      num_examples: E.
      spec_length: L (the end-to-end value, inference.md §4 item 5).
      max_decode_length: T.
      alpha: brevity-penalty exponent.
      bos_token: BOS id.
      eos_token: EOS id.
      cached: key/value-cached decoding in the search (else full re-decode).
      jit_compile: XLA-compile the search.
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
        super().__init__(name="exedec_beam_search")
        # Track the backend tf.Variables, not the Keras model or its Keras
        # variables: only then does the TF1 session loader (saved_model_cli,
        # TF Serving) restore them ("Could not find variable" otherwise).
        self.model_variables = [variable.value for variable in model.variables]
        cfg = model.config
        e, length, t = int(num_examples), int(spec_length), int(max_decode_length)
        width = cfg.emb_dim
        spec_vocab = cfg.vocab_size
        output_vocab = cfg.output_vocab_size

        def search(inputs, outputs, init_scores, init_finished):
            return tuple(
                model_beam_search(
                    model,
                    inputs,
                    outputs,
                    init_scores,
                    init_finished,
                    t,
                    alpha=alpha,
                    bos_token=bos_token,
                    eos_token=eos_token,
                    cached=cached,
                )
            )

        compiled = tf.function(search, jit_compile=jit_compile)

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

    def signatures(self) -> dict:
        """The serving signatures, by name."""
        return {
            "beam_search": self.beam_search.get_concrete_function(),
            "encode": self.encode.get_concrete_function(),
            "decode_logits": self.decode_logits.get_concrete_function(),
        }
