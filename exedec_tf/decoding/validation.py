"""Checks of beam-search arguments, with errors that name the bad input."""

import numpy as np

from exedec_tf.errors import ExeDecError


class BeamSearchInputError(ExeDecError, ValueError):
    """A beam-search argument has a wrong shape, dtype or value."""


def _as_array(name, value, kinds, dtype):
    array = np.asarray(value)
    if array.dtype.kind not in kinds:
        raise BeamSearchInputError(f"{name} must have dtype {dtype}, got {array.dtype}")
    return array


def check_beam_search_args(
    inputs,
    outputs,
    init_scores,
    init_finished,
    num_examples: int,
    spec_length: int,
    spec_vocab_size: int,
):
    """Validates and converts the four arguments of `beam_search`.

    Args:
      inputs: int `[B, K, E, L]` token ids in `[0, spec_vocab_size)`.
      outputs: int `[B, K, E, L]`, same.
      init_scores: float `[B, K]`.
      init_finished: bool `[B, K]`.
      num_examples: the model's E.
      spec_length: the model's L.
      spec_vocab_size: ids must be below this.

    Returns:
      `(inputs int32, outputs int32, init_scores float32, init_finished bool)`.

    Raises:
      BeamSearchInputError: the message names the argument, the expected
        shape and what was given.
    """
    expected = f"[B, K, {num_examples}, {spec_length}]"
    specs = []
    for name, value in (("inputs", inputs), ("outputs", outputs)):
        array = _as_array(name, value, "iu", "int32")
        if array.ndim != 4 or array.shape[2:] != (num_examples, spec_length):
            raise BeamSearchInputError(
                f"{name} must have shape {expected}, got {list(array.shape)}"
            )
        if array.size and (array.min() < 0 or array.max() >= spec_vocab_size):
            bad = array[(array < 0) | (array >= spec_vocab_size)].flat[0]
            raise BeamSearchInputError(
                f"{name} holds token id {bad}, outside the vocabulary "
                f"[0, {spec_vocab_size})"
            )
        specs.append(array.astype(np.int32))
    batch_beam = specs[0].shape[:2]
    if specs[1].shape[:2] != batch_beam:
        raise BeamSearchInputError(
            f"outputs must have shape {list(batch_beam) + list(specs[1].shape[2:])} "
            f"like inputs, got {list(specs[1].shape)}"
        )
    if batch_beam[0] < 1 or batch_beam[1] < 1:
        raise BeamSearchInputError(
            f"inputs must have B >= 1 and K >= 1, got shape {list(specs[0].shape)}"
        )
    scores = _as_array("init_scores", init_scores, "fiu", "float32")
    finished = _as_array("init_finished", init_finished, "b", "bool")
    for name, array in (("init_scores", scores), ("init_finished", finished)):
        if array.shape != batch_beam:
            raise BeamSearchInputError(
                f"{name} must have shape [B, K] = {list(batch_beam)}, "
                f"got {list(array.shape)}"
            )
    if not np.all(np.isfinite(scores)):
        raise BeamSearchInputError("init_scores must be finite (use NEG_INF, -1e7)")
    return specs[0], specs[1], scores.astype(np.float32), finished.astype(bool)
