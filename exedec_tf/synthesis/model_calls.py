"""Encoding problems for the models and calling a `BeamSearchModel` on a batch."""

from collections.abc import Sequence

import numpy as np

from exedec_tf.domains.loop_ops import LoopOps, SpecEncodingError
from exedec_tf.errors import ExeDecError
from exedec_tf.synthesis.beam_model import BeamSearchModel
from exedec_tf.synthesis.records import Problem


class ModelMismatchError(ExeDecError, ValueError):
    """Models, or a model and the problems, disagree on E, L or the beam size."""


def encode_problem(
    ops: LoopOps, problem: Problem, num_examples: int, length: int
) -> tuple[np.ndarray, np.ndarray]:
    """The problem's initial spec: int32 [E, L] inputs and outputs, no EOS.

    Raises:
      ModelMismatchError: the problem has a different number of examples.
      SpecEncodingError: a string has an unknown token or is longer than L;
        the message names the problem, the example and the string.
    """
    if len(problem.inputs) != num_examples:
        raise ModelMismatchError(
            f"problem {problem.index} has {len(problem.inputs)} examples but the "
            f"models take exactly {num_examples}"
        )
    rows = {"input": [], "output": []}
    for what, texts in (("input", problem.inputs), ("output", problem.outputs)):
        for e, text in enumerate(texts):
            try:
                rows[what].append(ops.encode_spec(text, length, False, strict=True))
            except SpecEncodingError as error:
                raise SpecEncodingError(
                    f"problem {problem.index}, example {e} {what}: {error}"
                ) from None
    return np.stack(rows["input"]), np.stack(rows["output"])


def check_models(models: Sequence[BeamSearchModel]) -> tuple[int, int]:
    """Returns the (E, L) every model agrees on.

    Raises:
      ModelMismatchError: two models differ in E or L.
    """
    first = models[0]
    for model in models[1:]:
        for name in ("num_examples", "spec_length"):
            if getattr(model, name) != getattr(first, name):
                raise ModelMismatchError(
                    f"models disagree on {name}: {getattr(first, name)} vs "
                    f"{getattr(model, name)}"
                )
    return first.num_examples, first.spec_length


def call_beam_search(
    model: BeamSearchModel,
    inputs: np.ndarray,
    outputs: np.ndarray,
    scores: np.ndarray,
    finished: np.ndarray,
    pad_to: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One batched beam search with checked shapes and dtypes.

    Args:
      model: the model.
      inputs, outputs: int32[B, K, E, L].
      scores: float32[B, K].
      finished: bool[B, K].
      pad_to: if larger than B, the batch is padded to this size with
        entirely finished copies of item 0 (score 0, so they never hold up the
        search's early termination) and their results dropped. A constant
        batch shape spares XLA a recompilation for every batch size.

    Returns:
      int32[B, K, T-1] seqs, float32[B, K] scores, int32[B, K] origin.
    """
    b, k = scores.shape
    if pad_to is not None and pad_to > b:
        extra = pad_to - b
        inputs = np.concatenate([inputs, np.repeat(inputs[:1], extra, 0)])
        outputs = np.concatenate([outputs, np.repeat(outputs[:1], extra, 0)])
        scores = np.concatenate([scores, np.zeros([extra, k], scores.dtype)])
        finished = np.concatenate([finished, np.ones([extra, k], bool)])
        seqs, new_scores, origin = call_beam_search(
            model, inputs, outputs, scores, finished
        )
        return seqs[:b], new_scores[:b], origin[:b]
    seqs, new_scores, origin = model.beam_search(
        inputs.astype(np.int32),
        outputs.astype(np.int32),
        scores.astype(np.float32),
        finished.astype(bool),
    )
    seqs, new_scores, origin = map(np.asarray, (seqs, new_scores, origin))
    expected = (b, k, model.max_decode_length - 1)
    if seqs.shape != expected or new_scores.shape != (b, k) or origin.shape != (b, k):
        raise ModelMismatchError(
            f"beam search returned shapes {seqs.shape}, {new_scores.shape}, "
            f"{origin.shape}; expected {expected}, {(b, k)}, {(b, k)}"
        )
    return seqs.astype(np.int32), new_scores.astype(np.float32), origin
