"""A NumPy forward pass of the ExeDec Transformer, written from models.md alone.

It shares no code with `exedec_tf.layers` or `exedec_tf.models`: the bucket
function, aligned positions, masks and every block are re-derived here from
the specification (§3-§9) in float32, reading parameters by their Flax paths
(§10). Tests compare the Keras logits against it.
"""

import math

import numpy as np

F32 = np.float32


def bucket(rel: int, bidirectional: bool, num_buckets: int, max_distance: int) -> int:
    """§4 for one relative position."""
    low, high = -max_distance, (max_distance if bidirectional else 0)
    if num_buckets >= high - low + 1:  # exact mode
        r = min(max(rel, low), high)
        if bidirectional:
            return abs(r) + (max_distance if r > 0 else 0)
        return -r
    if bidirectional:
        side, offset, n = (
            num_buckets // 2,
            (num_buckets // 2 if rel > 0 else 0),
            abs(rel),
        )
    else:
        side, offset, n = num_buckets, 0, max(-rel, 0)
    exact = side // 2
    if n < exact:
        return offset + n
    # float32 arithmetic with correctly rounded float32 logs.
    log_n = F32(math.log(F32(n) / F32(exact)))
    log_md = F32(math.log(F32(max_distance / exact)))
    v = F32(exact) + log_n / log_md * F32(side - exact)
    v = min(v, F32(side - 1))
    return offset + math.floor(v)


def buckets(rel: np.ndarray, bidirectional: bool, nb: int, md: int) -> np.ndarray:
    """§4 over an integer array."""
    values, inverse = np.unique(rel, return_inverse=True)
    mapped = np.array([bucket(int(r), bidirectional, nb, md) for r in values])
    return mapped[inverse].reshape(rel.shape)


def layer_norm(x, params, path):
    """§3.1 with the Flax variance formula."""
    mean = x.mean(-1, keepdims=True, dtype=F32)
    mean_sq = (x * x).mean(-1, keepdims=True, dtype=F32)
    var = np.maximum(F32(0), mean_sq - mean * mean)
    scale = F32(1) / np.sqrt(var + F32(1e-6))
    return (
        (x - mean) * (scale * params[f"{path}/scale"]) + params[f"{path}/bias"]
    ).astype(F32)


def dense(x, params, path):
    return (x @ params[f"{path}/kernel"] + params[f"{path}/bias"]).astype(F32)


def mlp(x, params, path):
    """§3.3 without dropout."""
    h = dense(x, params, f"{path}/Dense_0")
    h = (
        F32(0.5)
        * h
        * (F32(1) + np.tanh(F32(math.sqrt(2 / math.pi)) * (h + F32(0.044715) * h**3)))
    )
    return dense(h.astype(F32), params, f"{path}/Dense_1")


def attention(params, path, xq, xkv, mask, rel, bidirectional, nb, md, relative):
    """§3.6. mask: bool [..., 1, Tq, Tk]; rel: int [Tq, Tk] or [B, Tq, Tk]."""
    q = np.einsum("...d,dhk->...hk", xq, params[f"{path}/query/kernel"]).astype(F32)
    k = np.einsum("...d,dhk->...hk", xkv, params[f"{path}/key/kernel"]).astype(F32)
    v = np.einsum("...d,dhk->...hk", xkv, params[f"{path}/value/kernel"]).astype(F32)
    q = q / np.sqrt(F32(q.shape[-1]))
    logits = np.einsum("...qhd,...khd->...hqk", q, k).astype(F32)
    if relative:
        table = params[f"{path}/Embed_0/embedding"]  # [nb, H]
        bias = np.moveaxis(table[buckets(rel, bidirectional, nb, md)], -1, -3)
        if rel.ndim == 2:
            bias = bias.reshape((1,) * (logits.ndim - 3) + bias.shape)
        bias = bias + np.where(mask, F32(0), F32(-1e10))
        logits = logits + bias.astype(F32)
    else:
        logits = np.where(mask, logits, np.finfo(F32).min)
    logits = logits - logits.max(-1, keepdims=True)
    weights = np.exp(logits)
    weights = (weights / weights.sum(-1, keepdims=True)).astype(F32)
    context = np.einsum("...hqk,...khd->...qhd", weights, v).astype(F32)
    return np.einsum("...qhd,hdo->...qo", context, params[f"{path}/out/kernel"]).astype(
        F32
    )


def default_rel(q_len, k_len):
    return np.arange(k_len)[None, :] - np.arange(q_len)[:, None]


def pair_mask(query_tokens, key_tokens):
    return (
        ((query_tokens > 0)[..., None, :, None])
        & ((key_tokens > 0)[..., None, None, :])
    )


def sinusoids(length, dim):
    """§9 fixed positions."""
    table = np.zeros((length, dim), F32)
    position = np.arange(length)[:, None]
    freq = np.exp(np.arange(0, dim, 2) * -(math.log(10000.0) / dim))
    table[:, 0::2] = np.sin(position * freq)
    table[:, 1::2] = np.cos(position * freq)
    return table


def _names(cfg):
    if cfg.use_relative_attention:
        return "RelativeSelfAttention_0", "RelativeMultiHeadDotProductAttention_0"
    return "SelfAttention_0", "MultiHeadDotProductAttention_0"


def encdec_block(
    params,
    path,
    cfg,
    y,
    memory,
    self_mask,
    cross_mask,
    self_rel,
    cross_rel,
    self_settings,
    cross_settings,
):
    """§3.8."""
    self_name, cross_name = _names(cfg)
    rel_on = cfg.use_relative_attention
    h = layer_norm(y, params, f"{path}/LayerNorm_0")
    y = y + attention(
        params, f"{path}/{self_name}", h, h, self_mask, self_rel, *self_settings, rel_on
    )
    h = layer_norm(y, params, f"{path}/LayerNorm_1")
    y = y + attention(
        params,
        f"{path}/{cross_name}",
        h,
        memory,
        cross_mask,
        cross_rel,
        *cross_settings,
        rel_on,
    )
    return y + mlp(
        layer_norm(y, params, f"{path}/LayerNorm_2"), params, f"{path}/MLPBlock_0"
    )


def encode(params, cfg, inputs, outputs):
    """§5: returns [B, N, Lo, D]."""
    embed = params["encoder/embed/embedding"]
    self_name, _ = _names(cfg)
    li, lo = inputs.shape[-1], outputs.shape[-1]
    x = embed[inputs]
    y = embed[outputs]
    if not cfg.use_relative_attention:
        x = x + sinusoids(li, cfg.emb_dim)
        y = y + sinusoids(lo, cfg.emb_dim)
    mask_in = pair_mask(inputs, inputs)
    for layer in range(cfg.num_layers):
        path = f"encoder/encoderblock_{layer}"
        h = layer_norm(x, params, f"{path}/LayerNorm_0")
        x = x + attention(
            params,
            f"{path}/{self_name}",
            h,
            h,
            mask_in,
            default_rel(li, li),
            True,
            cfg.num_input_relative_position_buckets,
            cfg.max_input_distance,
            cfg.use_relative_attention,
        )
        x = x + mlp(
            layer_norm(x, params, f"{path}/LayerNorm_1"), params, f"{path}/MLPBlock_0"
        )
    x = layer_norm(x, params, "encoder/encoder_norm")
    for layer in range(cfg.num_layers):
        y = encdec_block(
            params,
            f"encoder/encoderdecoderblock_{layer}",
            cfg,
            y,
            x,
            pair_mask(outputs, outputs),
            pair_mask(outputs, inputs),
            default_rel(lo, lo),
            default_rel(lo, li),
            (True, cfg.num_output_relative_position_buckets, cfg.max_output_distance),
            (
                True,
                cfg.num_input_cross_output_relative_position_buckets,
                cfg.max_input_cross_output_distance,
            ),
        )
    return layer_norm(y, params, "encoder/encoderdecoder_norm")


def aligned_positions(prog, lo, separator):
    """§7 steps 1-5 with explicit loops; prog int [B, T]."""
    batch, length = prog.shape
    aligned = np.zeros((batch, length), np.int64)
    for b in range(batch):
        start = [
            1 if prog[b, (t - 1) % length] == separator else 0 for t in range(length)
        ]
        reset, count = 0, 0
        for t in range(length):
            if start[t]:
                reset = max(reset, t)
            count += start[t]
            aligned[b, t] = lo * count + t - reset
    return aligned


def decode(params, cfg, prog, encoded, enc_valid):
    """§6 on an already shifted decoder input prog [B, T]; returns logits."""
    batch, n, lo, dim = encoded.shape
    length = prog.shape[1]
    flat = encoded.reshape(batch, n * lo, dim)
    flat_valid = enc_valid.reshape(batch, n * lo)
    causal = np.arange(length)[None, :] <= np.arange(length)[:, None]
    self_mask = pair_mask(prog, prog) & causal
    cross_mask = pair_mask(prog, flat_valid)
    if cfg.aligned_relative_attention:
        aligned = aligned_positions(prog, lo, cfg.separator_token_id)
        cross_rel = np.arange(n * lo)[None, None, :] - aligned[:, :, None]
    else:
        cross_rel = default_rel(length, n * lo)
    z = params["decoder/embed_output/embedding"][prog]
    if not cfg.use_relative_attention:
        z = z + sinusoids(length, cfg.emb_dim)
    for layer in range(cfg.num_layers):
        z = encdec_block(
            params,
            f"decoder/encoderdecoderblock_{layer}",
            cfg,
            z,
            flat,
            self_mask,
            cross_mask,
            default_rel(length, length),
            cross_rel,
            (
                False,
                cfg.num_program_relative_position_buckets,
                cfg.max_program_distance,
            ),
            (
                True,
                cfg.num_program_cross_embed_relative_position_buckets,
                cfg.max_program_cross_embed_distance,
            ),
        )
    z = layer_norm(z, params, "decoder/encoderdecoder_norm")
    return dense(z, params, "decoder/logitdense")


def logits(params, cfg, inputs, outputs, targets, shift=True):
    """Top-level teacher-forced call: float32 [B, T, V_out]."""
    params = {k: np.asarray(v, F32) for k, v in params.items()}
    encoded = encode(params, cfg, inputs, outputs)
    prog = targets
    if shift:
        prog = np.concatenate(
            [np.full_like(targets[:, :1], cfg.bos_token), targets[:, :-1]], 1
        )
    return decode(params, cfg, prog, encoded, (outputs > 0).astype(F32))
