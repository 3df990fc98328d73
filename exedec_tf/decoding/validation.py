"""The checks of beam-search settings and arguments, in one place.

`check_search_settings` validates a `SearchSettings` (the lengths and ids
a search is built for); `check_beam_search_args` validates one call's
arrays against them. Both raise `BeamSearchInputError`, whose message names
the bad value. (The exported signatures repeat the array checks as graph
assertions, for callers that skip the Python adapter.)
"""

import numpy as np

from exedec_tf.errors import ExeDecError


class BeamSearchInputError(ExeDecError, ValueError):
    """A beam-search argument has a wrong shape, dtype or value."""


def _as_array(name, value, kinds, dtype):
    array = np.asarray(value)
    if array.dtype.kind not in kinds:
        raise BeamSearchInputError(f"{name} must have dtype {dtype}, got {array.dtype}")
    return array


def _check_int(name, value, low):
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise BeamSearchInputError(f"{name} must be an int, got {value!r}")
    if value < low:
        raise BeamSearchInputError(f"{name} must be >= {low}, got {value}")


def check_search_settings(settings) -> None:
    """Validates a `SearchSettings` in place.

    Raises:
      BeamSearchInputError: a length below its minimum (E, L >= 1, T >= 2,
        vocabularies >= 1), a special id outside the output vocabulary, a
        non-finite alpha or a non-bool flag.
    """
    for name, low in (
        ("num_examples", 1),
        ("spec_length", 1),
        ("max_decode_length", 2),
        ("spec_vocab_size", 1),
        ("vocab_size", 1),
        ("pad_token", 0),
    ):
        _check_int(name, getattr(settings, name), low)
    for name in ("bos_token", "eos_token"):
        value = getattr(settings, name)
        _check_int(name, value, 0)
        if value >= settings.vocab_size:
            raise BeamSearchInputError(
                f"{name}={value} is outside the output vocabulary "
                f"[0, {settings.vocab_size})"
            )
    if settings.pad_token != 0:
        raise BeamSearchInputError(
            f"pad_token must be 0 (the models mask ids <= 0), got {settings.pad_token}"
        )
    alpha = settings.alpha
    if isinstance(alpha, bool) or not isinstance(alpha, int | float | np.floating):
        raise BeamSearchInputError(f"alpha must be a float, got {alpha!r}")
    if not np.isfinite(alpha):
        raise BeamSearchInputError(f"alpha must be finite, got {alpha}")
    for name in ("cached", "jit_compile"):
        if not isinstance(getattr(settings, name), bool):
            raise BeamSearchInputError(
                f"{name} must be a bool, got {getattr(settings, name)!r}"
            )


def check_beam_search_args(inputs, outputs, init_scores, init_finished, settings):
    """Validates and converts the four arguments of `beam_search`.

    Args:
      inputs: int `[B, K, E, L]` token ids in `[0, spec_vocab_size)`.
      outputs: int `[B, K, E, L]`, same.
      init_scores: float `[B, K]`.
      init_finished: bool `[B, K]`.
      settings: the `SearchSettings` (E, L and the spec vocabulary size).

    Returns:
      `(inputs int32, outputs int32, init_scores float32, init_finished bool)`.

    Raises:
      BeamSearchInputError: the message names the argument, the expected
        shape and what was given.
    """
    num_examples, spec_length = settings.num_examples, settings.spec_length
    spec_vocab_size = settings.spec_vocab_size
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
