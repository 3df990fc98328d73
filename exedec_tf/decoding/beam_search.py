"""Model-agnostic beam search with the exact semantics of inference.md §1.

The search is driven by a `logits_fn` callback, so it knows nothing about
the network: tests drive it with hand-written logit tables, and
`exedec_tf.decoding.model_search` drives it with an ExeDec Transformer,
re-decoding the whole buffer or stepping a key/value cache.

Everything has a static shape: the token buffers are `[B, K, T]` from the
start, tokens are written by index, the loop is a `tf.while_loop`, and
"minus infinity" is the finite `NEG_INF`, so the search compiles once under
XLA for a given (B, K).

Instead of copying opaque per-slot payload records, the search carries an
int32 *origin* per slot (§1.10): the input slot a hypothesis descends from.
Callers gather their per-slot records with it, and `logits_fn` uses it to
find each hypothesis's encoding.
"""

from collections.abc import Callable
from typing import Any, NamedTuple

import tensorflow as tf

# The original's "effective minus infinity" (not -inf: it is added to scores).
NEG_INF = -1.0e7


class BeamSearchResult(NamedTuple):
    """What `beam_search` returns, in ascending score order (best last).

    Attributes:
      seqs: int32 `[B, K, T - 1]`, BOS dropped; zeros after EOS.
      scores: float32 `[B, K]`.
      origin: int32 `[B, K]`, the input slot each result descends from (the
        finished pool's origins, also when the live set is returned).
    """

    seqs: tf.Tensor
    scores: tf.Tensor
    origin: tf.Tensor


# logits_fn(live_seqs int32 [B, K, T], position int32 scalar,
#           live_origin int32 [B, K], cache) -> (float [B, K, V], new cache)
LogitsFn = Callable[[tf.Tensor, tf.Tensor, tf.Tensor, Any], tuple[tf.Tensor, Any]]


def brevity_penalty(length, alpha: float) -> tf.Tensor:
    """float32 `((5 + length) / 6) ** alpha`; exactly 1 when alpha is 0."""
    length = tf.cast(length, tf.float32)
    return tf.pow((5.0 + length) / 6.0, tf.constant(alpha, tf.float32))


def gather_slots(x: tf.Tensor, index: tf.Tensor) -> tf.Tensor:
    """`out[b, j, ...] = x[b, index[b, j], ...]`.

    Args:
      x: `[B, K, ...]`.
      index: int32 `[B, K']` slot indices into the second axis.

    Returns:
      `[B, K', ...]`.
    """
    return tf.gather(x, index, batch_dims=1)


def top_slots_ascending(values: tf.Tensor, k) -> tf.Tensor:
    """Indices of the k largest values, then reversed: ascending order.

    Ties go to the lower index before the reversal (`tf.math.top_k` is
    stable), exactly as the original's `lax.top_k` followed by a flip.

    Args:
      values: float32 `[B, N]`.
      k: how many to keep (<= N).

    Returns:
      int32 `[B, k]`, worst kept first.
    """
    _, index = tf.math.top_k(values, k=k, sorted=True)
    return tf.reverse(index, axis=[1])


class BeamState(NamedTuple):
    """The loop state; every field keeps its shape across iterations."""

    index: tf.Tensor  # int32 []: iterations done
    live_seqs: tf.Tensor  # int32 [B, K, T]
    live_logprobs: tf.Tensor  # float32 [B, K]
    live_origin: tf.Tensor  # int32 [B, K]
    finished_seqs: tf.Tensor  # int32 [B, K, T]
    finished_scores: tf.Tensor  # float32 [B, K]
    finished_flags: tf.Tensor  # bool [B, K]
    finished_origin: tf.Tensor  # int32 [B, K]
    cache: Any  # nested tensors with leading [B, K], gathered with live slots


def initial_state(
    init_scores, init_finished, max_decode_length: int, bos_token: int, cache=()
) -> BeamState:
    """The end-to-end initialisation of §1.3(b), which also covers (a).

    Args:
      init_scores: float32 `[B, K]` score of each input slot.
      init_finished: bool `[B, K]` slots that start finished (carried).
      max_decode_length: T, the buffer length including BOS.
      bos_token: written at position 0 of every sequence.
      cache: the callback's initial cache (leading `[B, K]`).

    Returns:
      The state before the first iteration.
    """
    scores = tf.cast(init_scores, tf.float32)
    finished = tf.cast(init_finished, tf.bool)
    shape = tf.shape(scores)
    batch, beam = shape[0], shape[1]
    neg_inf = tf.fill(shape, tf.constant(NEG_INF, tf.float32))
    seqs = tf.concat(
        [
            tf.fill([batch, beam, 1], tf.constant(bos_token, tf.int32)),
            tf.zeros([batch, beam, max_decode_length - 1], tf.int32),
        ],
        axis=2,
    )
    origin = tf.tile(tf.range(beam, dtype=tf.int32)[None, :], [batch, 1])
    return BeamState(
        index=tf.constant(0, tf.int32),
        live_seqs=seqs,
        live_logprobs=tf.where(finished, neg_inf / 2.0, scores),
        live_origin=origin,
        finished_seqs=seqs,
        finished_scores=tf.where(finished, scores, neg_inf),
        finished_flags=finished,
        finished_origin=origin,
        cache=cache,
    )


def standard_init(batch_size, beam_size) -> tuple[tf.Tensor, tf.Tensor]:
    """`init_scores` and `init_finished` of the standard search (§1.3a).

    One live hypothesis (score 0) in slot 0, `NEG_INF` elsewhere, nothing
    finished.

    Returns:
      float32 `[B, K]` scores and bool `[B, K]` flags.
    """
    row = tf.concat(
        [
            tf.zeros([1], tf.float32),
            tf.fill([beam_size - 1], tf.constant(NEG_INF, tf.float32)),
        ],
        axis=0,
    )
    scores = tf.tile(row[None, :], [batch_size, 1])
    return scores, tf.zeros([batch_size, beam_size], tf.bool)


def _not_terminated(state: BeamState, max_decode_length: int, alpha: float):
    """The loop condition of §1.4 (global over the batch)."""
    best_live = state.live_logprobs[:, -1:] / brevity_penalty(max_decode_length, alpha)
    worst_finished = tf.reduce_min(state.finished_scores, axis=1, keepdims=True)
    worst_finished = tf.where(
        state.finished_flags, worst_finished, tf.constant(NEG_INF, tf.float32)
    )
    terminated = tf.reduce_all(worst_finished > best_live)
    return tf.logical_and(state.index <= max_decode_length, tf.logical_not(terminated))


def _step(
    state: BeamState,
    logits_fn: LogitsFn,
    max_decode_length: int,
    alpha: float,
    eos_token: int,
) -> BeamState:
    """One iteration of §1.5."""
    last = max_decode_length - 1
    read = tf.minimum(state.index, last)  # clamped as in §1.7
    write = tf.minimum(state.index + 1, last)
    beam = tf.shape(state.live_logprobs)[1]

    logits, cache = logits_fn(
        state.live_seqs, read, state.live_origin, state.cache
    )  # [B, K, V]
    log_probs = tf.nn.log_softmax(tf.cast(logits, tf.float32), axis=-1)
    log_probs += state.live_logprobs[:, :, None]  # float32 [B, K, V]
    vocab = tf.shape(log_probs)[2]
    flat = tf.reshape(log_probs, [tf.shape(log_probs)[0], beam * vocab])
    # 2K candidates: enough non-EOS ones survive even if K of them end.
    cand_scores, cand_index = tf.math.top_k(flat, k=2 * beam, sorted=True)
    cand_parent = cand_index // vocab  # int32 [B, 2K]
    cand_token = cand_index % vocab  # int32 [B, 2K]
    at_write = tf.equal(tf.range(max_decode_length), write)  # bool [T]
    cand_seqs = tf.where(
        at_write, cand_token[:, :, None], gather_slots(state.live_seqs, cand_parent)
    )  # int32 [B, 2K, T]
    cand_origin = gather_slots(state.live_origin, cand_parent)  # int32 [B, 2K]
    cand_eos = tf.equal(cand_token, eos_token)  # bool [B, 2K]
    neg_inf = tf.constant(NEG_INF, tf.float32)

    live_values = cand_scores + tf.cast(cand_eos, tf.float32) * neg_inf
    keep = top_slots_ascending(live_values, beam)  # int32 [B, K]
    live_parent = gather_slots(cand_parent, keep)
    cache = tf.nest.map_structure(lambda x: gather_slots(x, live_parent), cache)

    new_scores = cand_scores / brevity_penalty(state.index + 1, alpha)
    new_scores += tf.cast(tf.logical_not(cand_eos), tf.float32) * neg_inf
    pool_scores = tf.concat([state.finished_scores, new_scores], axis=1)
    pool_seqs = tf.concat([state.finished_seqs, cand_seqs], axis=1)
    pool_flags = tf.concat([state.finished_flags, cand_eos], axis=1)
    pool_origin = tf.concat([state.finished_origin, cand_origin], axis=1)
    best = top_slots_ascending(pool_scores, beam)  # int32 [B, K]

    return BeamState(
        index=state.index + 1,
        live_seqs=gather_slots(cand_seqs, keep),
        live_logprobs=gather_slots(live_values, keep),
        live_origin=gather_slots(cand_origin, keep),
        finished_seqs=gather_slots(pool_seqs, best),
        finished_scores=gather_slots(pool_scores, best),
        finished_flags=gather_slots(pool_flags, best),
        finished_origin=gather_slots(pool_origin, best),
        cache=cache,
    )


def beam_search(
    logits_fn: LogitsFn,
    init_scores,
    init_finished,
    max_decode_length: int,
    cache=(),
    alpha: float = 0.0,
    bos_token: int = 1,
    eos_token: int = 2,
) -> BeamSearchResult:
    """Beam search of K hypotheses per batch item (inference.md §1).

    Each iteration asks `logits_fn` for the next-token logits of every live
    hypothesis, keeps the 2K best extensions, and splits them into the K
    best that did not end (live) and the K best finished entries so far
    (carried entries first on ties). The loop runs while `i <= T` (so up to
    T + 1 iterations, the last two clamped to position T - 1, §1.7) and
    until no live hypothesis can beat the worst finished one.

    Args:
      logits_fn: `(live_seqs int32 [B,K,T], position, live_origin int32
        [B,K], cache) -> (logits [B,K,V], cache)`: the logits of the next
        token given the hypothesis up to and including `position`
        (clamped to T - 1). `live_origin` says which input slot each
        hypothesis descends from (its encoding). Returned cache leaves must
        have a leading `[B, K]`; the search re-orders them with the live
        hypotheses.
      init_scores: float32 `[B, K]`; the standard search passes
        `standard_init(B, K)`.
      init_finished: bool `[B, K]` slots carried over as finished entries.
      max_decode_length: T, the buffer length including BOS (>= 2).
      cache: initial cache for `logits_fn`.
      alpha: brevity-penalty exponent (every ExeDec caller uses 0).
      bos_token: token at position 0.
      eos_token: the end marker.

    Returns:
      A `BeamSearchResult` in ascending order: the finished pool of each
      batch item, or its live set if nothing there really finished.

    Raises:
      ValueError: `max_decode_length` < 2.
    """
    if isinstance(max_decode_length, bool) or not isinstance(max_decode_length, int):
        raise TypeError(f"max_decode_length must be an int, got {max_decode_length!r}")
    if max_decode_length < 2:
        raise ValueError(f"max_decode_length must be >= 2, got {max_decode_length}")
    state = initial_state(
        init_scores, init_finished, max_decode_length, bos_token, cache
    )
    state = tf.while_loop(
        lambda s: _not_terminated(s, max_decode_length, alpha),
        lambda s: (_step(s, logits_fn, max_decode_length, alpha, eos_token),),
        (state,),
        maximum_iterations=max_decode_length + 1,
    )[0]
    any_finished = tf.reduce_any(state.finished_flags, axis=1)  # bool [B]
    seqs = tf.where(any_finished[:, None, None], state.finished_seqs, state.live_seqs)
    scores = tf.where(any_finished[:, None], state.finished_scores, state.live_logprobs)
    return BeamSearchResult(seqs[:, :, 1:], scores, state.finished_origin)
