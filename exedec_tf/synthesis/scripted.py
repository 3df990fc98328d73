"""Scripted `BeamSearchModel`s: a lookup table instead of a network.

`ScriptedBeamModel` knows, for each spec it may be given, the complete
predictions (ids without EOS, with log-probabilities) a model would reach,
and assembles the result the end-to-end beam search gives when only complete
predictions compete (inference spec §1.3b and §1.5 step 7): the pool holds
the K old slots first (a finished slot with its score, an unfinished one as an
unflagged NEG_INF filler with an empty sequence), then every live slot's
children in slot order; the top K by float32 score, ties to the earlier
entry, come back in ascending order. Batch items are independent.

`oracle_models` builds scripted models that predict the ground-truth
decomposition of known problems. They exercise the whole loop (execution,
re-encoding, DeepCoder's growing states) on real data without any network,
and measure the loop's own overhead.
"""

from collections.abc import Callable, Iterable

import numpy as np

from exedec_tf.domains.base import Domain
from exedec_tf.synthesis.options import NEG_INF
from exedec_tf.synthesis.records import Problem


class ScriptedBeamModel:
    """A BeamSearchModel driven by a table `key -> [(ids, logprob), ...]`.

    Args:
      ops: the domain's LoopOps (to decode specs into keys).
      script: maps a key (by default the tuple of decoded spec-output rows)
        to the slot's complete predictions; unknown keys have none.
      max_decode_length: T; returned sequences have T - 1 ids.
      num_examples, spec_length, vocab_size: E, L and V.
      key_fn: optional `(input strings, output strings) -> key`.
    """

    def __init__(
        self,
        ops,
        script: dict,
        max_decode_length: int = 12,
        num_examples: int = 4,
        spec_length: int = 24,
        vocab_size: int = 400,
        key_fn: Callable | None = None,
    ):
        self.ops = ops
        self.script = script
        self.max_decode_length = max_decode_length
        self.num_examples = num_examples
        self.spec_length = spec_length
        self.vocab_size = vocab_size
        self.key_fn = key_fn or (lambda inputs, outputs: outputs)
        self.calls = []  # (batch size, keys looked up) per call

    def _key(self, inputs, outputs):
        decode = self.ops.decode_spec
        return self.key_fn(
            tuple(decode(r) for r in inputs), tuple(decode(r) for r in outputs)
        )

    def beam_search(self, inputs, outputs, init_scores, init_finished):
        """See `exedec_tf.synthesis.beam_model.BeamSearchModel`."""
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
                    full = list(ids) + [self.ops.eos_id]
                    if len(full) > length:
                        raise ValueError(
                            f"scripted prediction of {len(full)} ids does not fit "
                            f"T - 1 = {length}"
                        )
                    seq = np.zeros([length], np.int32)
                    seq[: len(full)] = full
                    score = np.float32(init_scores[item, i]) + np.float32(logprob)
                    pool.append((np.float32(score), seq, i))
            order = sorted(range(len(pool)), key=lambda n: -pool[n][0])[:k][::-1]
            for slot, n in enumerate(order):
                scores[item, slot], seqs[item, slot], origin[item, slot] = pool[n]
        self.calls.append((b, keys))
        return seqs, scores, origin


def oracle_models(
    domain: Domain,
    problems: Iterable[Problem],
    num_examples: int,
    spec_length: int,
    max_decode_length: int = 400,
) -> dict[str, ScriptedBeamModel]:
    """Scripted models that follow each problem's ground-truth decomposition.

    Returns:
      {"spec_decomposer", "synthesizer", "joint"} models (one prediction per
      known spec, log-probability -0.1).
    """
    ops = domain.loop_ops()
    separator = domain.spec_separator
    spec, synth, joint = {}, {}, {}
    for problem in problems:
        for step in domain.decompose(problem.program, problem.inputs):
            state = tuple(step.inputs)
            outputs = tuple(step.outputs)
            part = tuple(step.next_part)
            ids = domain.program_part_ids(step.program_part)
            spec[(state, outputs)] = [(ops.spec_tokens(separator.join(part)), -0.1)]
            synth[(state, part)] = [(ids, -0.1)]
            joint[(state, outputs)] = [(ids, -0.1)]

    def key_fn(inputs, outputs):
        # RobustFill step inputs never change: the original inputs are keys.
        return inputs, outputs

    def model(script):
        return ScriptedBeamModel(
            ops,
            script,
            max_decode_length=max_decode_length,
            num_examples=num_examples,
            spec_length=spec_length,
            vocab_size=max(domain.program_vocab) + 1,
            key_fn=key_fn,
        )

    return {
        "spec_decomposer": model(spec),
        "synthesizer": model(synth),
        "joint": model(joint),
    }
