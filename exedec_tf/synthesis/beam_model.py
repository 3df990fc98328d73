"""The contract between the ExeDec loop and whatever runs a model's beam search.

The loop (`exedec_tf.synthesis`) never touches Keras or SavedModels directly:
it talks to objects with this shape. The project has one,
`exedec_tf.decoding.NumpyBeamSearch`, over an in-process model's
`SearchModule` or a loaded SavedModel
(`exedec_tf.serving.load_beam_search_model`); tests use scripted fakes. The
shapes and semantics are those of `beam_search` in the inference
specification (§1.10 and §3).
"""

from typing import Protocol

import numpy as np


class BeamSearchModel(Protocol):
    """One trained model (SpecDecomposer, Synthesizer, Joint or baseline)
    wrapped with its beam search.

    Attributes:
      num_examples: E, the number of I/O examples per problem.
      spec_length: L, the padded length of every spec row (significant: the
        models' relative positions depend on it).
      max_decode_length: T; returned sequences have T - 1 tokens (BOS
        dropped).
      vocab_size: V of the output (program or subgoal) vocabulary.
    """

    num_examples: int
    spec_length: int
    max_decode_length: int
    vocab_size: int

    def beam_search(
        self,
        inputs: np.ndarray,
        outputs: np.ndarray,
        init_scores: np.ndarray,
        init_finished: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Runs one beam search per batch item.

        Args:
          inputs: int32[B, K, E, L] spec inputs, one row set per beam slot.
          outputs: int32[B, K, E, L] spec outputs (or subgoals).
          init_scores: float32[B, K] initial score of each slot.
          init_finished: bool[B, K] slots that start finished.

        Returns:
          seqs: int32[B, K, T - 1], finished sequences in ascending score
            order (best last).
          scores: float32[B, K].
          origin: int32[B, K], the slot of the input each result descends
            from; the caller gathers its per-slot records with it.
        """
        ...
