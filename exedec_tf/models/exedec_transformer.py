"""The ExeDec encoder-decoder Transformer, shared by all four model types.

It is the original's `DecomposeAttentionTransformer`: masks, the BOS shift
and the aligned cross-attention positions are made here, between the
encoder and the decoder.
"""

import keras
from keras import ops

from exedec_tf.layers.aligned_positions import aligned_relative_positions
from exedec_tf.layers.masks import causal_mask, padding_mask
from exedec_tf.models.config import as_config
from exedec_tf.models.io_encoder import IOEncoder
from exedec_tf.models.program_decoder import ProgramDecoder


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
    shapes, so it compiles once under XLA.

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
        self, programs, encoded, encoded_padding_mask, shift=None, training=False
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
                programs, num_keys, example_length, cfg.separator_token_id
            )  # int32 [B, T, N*Lo]
        return self.decoder(
            programs,
            flat,
            self_attention_mask=self_mask,
            cross_attention_mask=cross_mask,
            cross_relative_positions=cross_positions,
            training=training,
        )

    def call(self, batch, training=None):
        if isinstance(batch, (tuple, list)):
            inputs, outputs, targets = batch
        else:
            inputs, outputs, targets = (
                batch["inputs"],
                batch["outputs"],
                batch["targets"],
            )
        encoded = self.encode(inputs, outputs, training=training)
        encoded_valid = ops.greater(outputs, 0)  # bool [B, N, Lo]
        return self.decode(targets, encoded, encoded_valid, training=training)

    def get_config(self):
        return {
            "name": self.name,
            "trainable": self.trainable,
            "config": self.config.to_dict(),
        }
