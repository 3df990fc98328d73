"""The ExeDec encoder-decoder Transformer, shared by all four model types.

It is the original's `DecomposeAttentionTransformer`: masks, the BOS shift
and the aligned cross-attention positions are made here, between the
encoder and the decoder.
"""

import keras
from keras import ops

from exedec_tf.layers.aligned_positions import (
    aligned_query_positions,
    aligned_relative_positions,
    flattened_key_positions,
)
from exedec_tf.layers.masks import causal_mask, padding_mask
from exedec_tf.models.config import as_config
from exedec_tf.models.decoder_memory import DecoderMemory
from exedec_tf.models.io_encoder import IOEncoder
from exedec_tf.models.program_decoder import ProgramDecoder

# Optional batch field, int `[B]` (every row the same): the padded length of
# `outputs` before they were trimmed to a length bucket.
OUTPUT_STRIDE = "output_stride"


def shift_right(targets, bos_token: int):
    """`[bos, t_0, ..., t_{T-2}]`: prepend BOS and drop the last token.

    Args:
      targets: int `[B, T]`.
      bos_token: the id to prepend.

    Returns:
      int32 `[B, T]`.
    """
    targets = ops.cast(targets, "int32")
    bos = ops.ones_like(targets[:, :1]) * bos_token
    return ops.concatenate([bos, targets[:, :-1]], axis=1)


def gather_slots(x, slots):
    """`out[b, j, ...] = x[b, slots[b, j], ...]`.

    Args:
      x: `[B, O, ...]`.
      slots: int32 `[B, K]` indices into the second axis.

    Returns:
      `[B, K, ...]`.
    """
    shape = ops.shape(x)
    flat = ops.reshape(x, (shape[0] * shape[1],) + tuple(shape[2:]))
    offsets = ops.arange(shape[0], dtype="int32")[:, None] * shape[1]
    return ops.take(flat, ops.cast(slots, "int32") + offsets, axis=0)


@keras.saving.register_keras_serializable(package="exedec_tf")
class ExeDecTransformer(keras.Model):
    """I/O-example encoder plus causal decoder; logits of the target tokens.

    The encoder maps `inputs [B,N,Li]` and `outputs [B,N,Lo]` to
    `encoded [B,N,Lo,D]`; the decoder attends to it flattened to
    `[B, N*Lo, D]` and returns `logits [B,T,V_out]` (models.md §2, §6). The
    four model types (`SpecDecomposer`, `Synthesizer`, `JointModel`,
    `BaselineModel`) are this network fed with different data; only the
    SpecDecomposer aligns its cross-attention positions at separators (§7).

    The weights are built at construction (they depend only on the config),
    with Flax-compatible names: see `flax_params.flax_param_paths`.

    `encode` and `decode` split the computation for beam search: `decode` is a
    cache-free full pass over a fixed-length `[B, T]` buffer, with static
    shapes, so it compiles once under XLA. A beam search over K hypotheses
    that descend from O input slots uses `decode_slots` (the full pass) or,
    with relative attention, the incremental `decode_step` with the
    layers' key/value caches (`decoder_memory`, `initial_decode_cache`).

    Args:
      config: a `TransformerConfig` (or its dict form).
      **kwargs: standard `keras.Model` arguments (`name`, ...).

    Call arguments:
      batch: a mapping with int tensors `inputs [B,N,Li]`, `outputs [B,N,Lo]`
        and `targets [B,T]` (no BOS; EOS then 0-padding), or the tuple
        `(inputs, outputs, targets)`.
      training: whether dropout is applied.

    Returns:
      float32 logits `[B, T, V_out]`; with `config.shift` (training and
      eval) position t predicts `targets[:, t]` from `targets[:, :t]`.

    Example:

    >>> config = TransformerConfig(vocab_size=20, output_vocab_size=25,
    ...                            emb_dim=16, qkv_dim=16, mlp_dim=32,
    ...                            num_heads=2, num_layers=2,
    ...                            use_relative_attention=True)
    >>> model = ExeDecTransformer(config)
    >>> batch = {"inputs": np.ones((2, 3, 5), "int32"),
    ...          "outputs": np.ones((2, 3, 5), "int32"),
    ...          "targets": np.ones((2, 7), "int32")}
    >>> model(batch).shape
    TensorShape([2, 7, 25])
    """

    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.config = as_config(config)
        self.check_config(self.config)
        self.encoder = IOEncoder(self.config, name="encoder")
        self.decoder = ProgramDecoder(self.config, name="decoder")
        self.build()

    @classmethod
    def check_config(cls, config) -> None:
        """Raises ValueError if `config` does not suit this model type."""

    def build(self, input_shape=None):
        # Weights depend only on the config, so any input shape will do.
        self.encoder.build()
        self.decoder.build()

    def encode(self, inputs, outputs, training=False):
        """Encodes the specification.

        Args:
          inputs: int `[B, N, Li]`.
          outputs: int `[B, N, Lo]`.
          training: whether dropout is applied.

        Returns:
          float32 `[B, N, Lo, D]`.
        """
        return self.encoder(inputs, outputs, training=training)

    def decode(
        self,
        programs,
        encoded,
        encoded_padding_mask,
        shift=None,
        training=False,
        example_stride=None,
    ):
        """Decoder logits at every position of `programs`.

        Args:
          programs: int `[B, T]`: the targets when `shift`, else the decoder
            input itself (the BOS-started running sequence of a beam search).
          encoded: float32 `[B, N, Lo, D]` from `encode`.
          encoded_padding_mask: `[B, N, Lo]`, >0 (or True) where `outputs` is
            not padding.
          shift: prepend BOS and drop the last token; defaults to
            `config.shift`.
          training: whether dropout is applied.
          example_stride: the padded per-example length Lo' >= Lo that the
            cross-attention's relative positions are measured in: example
            e's keys start at `e * Lo'`. Default None: Lo itself. Training
            on outputs trimmed to a length bucket passes the untrimmed
            length, so the logits are those of the fully padded batch.

        Returns:
          float32 logits `[B, T, V_out]`.
        """
        cfg = self.config
        shift = cfg.shift if shift is None else shift
        programs = ops.cast(programs, "int32")  # [B, T]
        if shift:
            programs = shift_right(programs, cfg.bos_token)
        _, num_examples, example_length, width = ops.shape(encoded)
        num_keys = num_examples * example_length
        flat = ops.reshape(encoded, (-1, num_keys, width))  # [B, N*Lo, D]
        flat_valid = ops.reshape(
            ops.cast(encoded_padding_mask, "float32"), (-1, num_keys)
        )  # [B, N*Lo]
        self_mask = ops.logical_and(
            padding_mask(programs, programs), causal_mask(ops.shape(programs)[-1])
        )  # bool [B, 1, T, T]
        cross_mask = padding_mask(programs, flat_valid)  # bool [B, 1, T, N*Lo]
        cross_positions = None  # the attention's default: m - t
        if cfg.aligned_relative_attention:
            cross_positions = aligned_relative_positions(
                programs,
                num_keys,
                example_length,
                cfg.separator_token_id,
                stride=example_stride,
            )  # int32 [B, T, N*Lo]
        elif example_stride is not None:
            keys = flattened_key_positions(num_keys, example_length, example_stride)
            queries = ops.arange(ops.shape(programs)[-1], dtype="int32")
            cross_positions = keys[None, :] - queries[:, None]  # int32 [T, N*Lo]
        return self.decoder(
            programs,
            flat,
            self_attention_mask=self_mask,
            cross_attention_mask=cross_mask,
            cross_relative_positions=cross_positions,
            training=training,
        )

    @property
    def supports_cached_decoding(self) -> bool:
        """Whether `decode_step` is available: PAD states, which it relies on
        (see `RelativeAttention`), differ by position with sinusoids."""
        return bool(self.config.use_relative_attention)

    def decode_slots(self, programs, index, slots, encoded, encoded_padding_mask):
        """Next-token logits of K buffers, each attending to its slot's spec.

        The full pass (the original's slow decode) of every buffer.

        Args:
          programs: int `[B, K, T]` BOS-started buffers.
          index: int32 scalar, the position whose logits are returned.
          slots: int32 `[B, K]`, the input slot of each buffer.
          encoded: float32 `[B, O, E, L, D]` encodings of the input slots.
          encoded_padding_mask: float32 `[B, O, E, L]`.

        Returns:
          float32 logits `[B, K, V_out]`.
        """
        shape = ops.shape(programs)
        slot_encoded = gather_slots(encoded, slots)  # [B, K, E, L, D]
        slot_mask = gather_slots(encoded_padding_mask, slots)  # [B, K, E, L]
        logits = self.decode(
            ops.reshape(programs, (-1, shape[2])),
            ops.reshape(slot_encoded, (-1,) + tuple(ops.shape(encoded)[2:])),
            ops.reshape(slot_mask, (-1,) + tuple(ops.shape(slot_mask)[2:])),
            shift=False,
        )  # [B*K, T, V]
        logits = ops.take(logits, index, axis=1)  # [B*K, V]
        return ops.reshape(logits, (shape[0], shape[1], -1))

    def decoder_memory(self, encoded, encoded_padding_mask) -> DecoderMemory:
        """The per-search `DecoderMemory` of `decode_step`.

        Args:
          encoded: float32 `[B, O, E, L, D]` encodings of the input slots.
          encoded_padding_mask: float32 `[B, O, E, L]`.
        """
        shape = ops.shape(encoded)
        batch, origins = shape[0], shape[1]
        flat = ops.reshape(encoded, (batch, origins, -1, shape[-1]))
        valid = ops.reshape(ops.greater(encoded_padding_mask, 0), (batch, origins, -1))
        return DecoderMemory(
            encoded=encoded,
            mask=encoded_padding_mask,
            valid=valid,
            caches=self.decoder.project_memory(flat),
        )

    def initial_decode_cache(self, batch_shape, max_decode_length):
        """Empty self-attention caches for `decode_step`, one per block.

        Args:
          batch_shape: `(B, K)`.
          max_decode_length: T.
        """
        return self.decoder.initial_cache(batch_shape, max_decode_length)

    def decode_step(self, programs, index, slots, memory, cache):
        """Next-token logits of the buffers' token at `index`, incrementally.

        Equal to `decode_slots` up to float rounding: the token at `index`
        goes through the decoder with every block's cached keys and values
        of the earlier positions, and its own are written into the cache.

        The SpecDecomposer's aligned positions count a separator in the last
        buffer slot as one before position 0 (the cyclic shift of
        models.md §7). That changes the states of every earlier position,
        so in the clamped final iterations of a search where it happens the
        step falls back to `decode_slots` (the cache is kept as it was).

        Args:
          programs: int `[B, K, T]` BOS-started buffers, written up to
            `index`.
          index: int32 scalar, the decoded position.
          slots: int32 `[B, K]`, the input slot of each buffer.
          memory: the `DecoderMemory` of the input slots.
          cache: the caches from `initial_decode_cache` or the last step,
            re-ordered with the hypotheses.

        Returns:
          `(logits float32 [B, K, V_out], updated cache)`.

        Raises:
          ValueError: the model uses sinusoidal positions.
        """
        if not self.supports_cached_decoding:
            raise ValueError(
                "cached decoding needs use_relative_attention=True; use the "
                "full re-decode (cached=False) for this model"
            )
        cfg = self.config
        programs = ops.cast(programs, "int32")
        if not cfg.aligned_relative_attention:
            return self._cached_step(programs, index, slots, memory, cache)
        separator = cfg.separator_token_id
        last_is_separator = ops.equal(programs[:, :, -1], separator)
        wrap = ops.any(ops.not_equal(last_is_separator, separator == 0))
        return ops.cond(
            wrap,
            lambda: (
                self.decode_slots(programs, index, slots, memory.encoded, memory.mask),
                cache,
            ),
            lambda: self._cached_step(programs, index, slots, memory, cache),
        )

    def _cached_step(self, programs, index, slots, memory, cache):
        cfg = self.config
        shape = ops.shape(programs)
        length = shape[2]
        example_length = ops.shape(memory.encoded)[3]
        num_keys = ops.shape(memory.valid)[2]
        token = ops.take(programs, index, axis=2)  # int32 [B, K]
        positions = ops.arange(length, dtype="int32")  # [T]
        query_valid = ops.greater(token, 0)  # bool [B, K]
        # Real (non-PAD) tokens at or before the decoded position.
        real = ops.logical_and(
            ops.greater(programs, 0), positions <= index
        )  # bool [B, K, T]
        self_mask = ops.logical_and(real, query_valid[:, :, None])
        cross_mask = ops.logical_and(
            gather_slots(memory.valid, slots), query_valid[:, :, None]
        )  # bool [B, K, M]
        if cfg.aligned_relative_attention:
            aligned = aligned_query_positions(
                ops.reshape(programs, (-1, length)),
                example_length,
                cfg.separator_token_id,
            )  # [B*K, T]
            aligned = ops.reshape(ops.take(aligned, index, axis=1), ops.shape(token))
            cross_positions = (
                ops.arange(num_keys, dtype="int32")[None, None, None, :]
                - aligned[:, :, None, None]
            )  # [B, K, 1, M]
        else:
            cross_positions = (ops.arange(num_keys, dtype="int32") - index)[
                None, :
            ]  # [1, M]
        logits, cache = self.decoder(
            token[:, :, None],
            None,
            self_attention_mask=self_mask[:, :, None, None, :],
            cross_attention_mask=cross_mask[:, :, None, None, :],
            cross_relative_positions=cross_positions,
            self_attention_caches=cache,
            cache_update_index=index,
            cross_attention_caches=memory.caches,
            cross_attention_slots=ops.one_hot(slots, ops.shape(memory.valid)[1]),
        )  # [B, K, 1, V]
        return logits[:, :, 0, :], cache

    def call(self, batch, training=None):
        stride = None
        if isinstance(batch, (tuple, list)):
            inputs, outputs, targets = batch
        else:
            inputs, outputs, targets = (
                batch["inputs"],
                batch["outputs"],
                batch["targets"],
            )
            if OUTPUT_STRIDE in batch:
                # Outputs trimmed to a length bucket (training.data): measure
                # the cross-attention positions in the padded length.
                stride = ops.cast(batch[OUTPUT_STRIDE][0], "int32")
        encoded = self.encode(inputs, outputs, training=training)
        encoded_valid = ops.greater(outputs, 0)  # bool [B, N, Lo]
        return self.decode(
            targets, encoded, encoded_valid, training=training, example_stride=stride
        )

    def get_config(self):
        return {
            "name": self.name,
            "trainable": self.trainable,
            "config": self.config.to_dict(),
        }
