"""Scripted fake `BeamSearchModel`s for the ExeDec loop tests.

A fake knows, for each spec it may be given, the complete predictions a model
would reach (token ids without EOS, with their log-probabilities). Its
`beam_search` then builds the result the real end-to-end search gives when
only complete predictions compete (inference spec §1.3b, §1.5 step 7): the
pool is the K old slots first (a finished slot with its score, an unfinished
one as an unflagged NEG_INF filler with an empty sequence), then every live
slot's children in slot order; the top K by float32 score, ties to the earlier
entry, are returned in ascending order. Batch items are independent.
"""

import numpy as np

from exedec_tf.synthesis.options import NEG_INF


class ScriptedBeamModel:
    """A BeamSearchModel driven by a table `key -> [(ids, logprob), ...]`.

    Args:
      ops: the domain's LoopOps (to decode specs into keys).
      script: maps a key (by default the tuple of decoded spec-output rows)
        to the slot's complete predictions.
      max_decode_length: T; returned sequences have T - 1 ids.
      num_examples, spec_length: E and L.
      key_fn: optional `(input strings, output strings) -> key`.
    """

    def __init__(
        self,
        ops,
        script,
        max_decode_length=12,
        num_examples=4,
        spec_length=24,
        vocab_size=400,
        key_fn=None,
    ):
        self.ops = ops
        self.script = script
        self.max_decode_length = max_decode_length
        self.num_examples = num_examples
        self.spec_length = spec_length
        self.vocab_size = vocab_size
        self.key_fn = key_fn or (lambda inputs, outputs: outputs)
        self.calls = []  # (batch size, keys asked for) per call

    def _key(self, inputs, outputs):
        decode = self.ops.decode_spec
        return self.key_fn(
            tuple(decode(r) for r in inputs), tuple(decode(r) for r in outputs)
        )

    def beam_search(self, inputs, outputs, init_scores, init_finished):
        b, k = init_scores.shape
        length = self.max_decode_length - 1
        seqs = np.zeros([b, k, length], np.int32)
        scores = np.zeros([b, k], np.float32)
        origin = np.zeros([b, k], np.int32)
        keys = []
        for item in range(b):
            empty = np.zeros([length], np.int32)
            pool = [
                (init_scores[item, i] if init_finished[item, i] else NEG_INF, empty, i)
                for i in range(k)
            ]
            for i in range(k):
                if init_finished[item, i]:
                    continue
                key = self._key(inputs[item, i], outputs[item, i])
                keys.append(key)
                for ids, logprob in self.script.get(key, []):
                    seq = np.zeros([length], np.int32)
                    full = list(ids) + [self.ops.eos_id]
                    seq[: len(full)] = full
                    score = np.float32(init_scores[item, i]) + np.float32(logprob)
                    pool.append((np.float32(score), seq, i))
            order = sorted(range(len(pool)), key=lambda n: -pool[n][0])[:k][::-1]
            for slot, n in enumerate(order):
                scores[item, slot], seqs[item, slot], origin[item, slot] = pool[n]
        self.calls.append((b, keys))
        return seqs, scores, origin
