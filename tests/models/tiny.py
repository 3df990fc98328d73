"""Tiny configs, random weights and token batches shared by the model tests."""

import numpy as np

from exedec_tf.models import TransformerConfig
from exedec_tf.models.config import uniform_bucket_fields


def tiny_config(model_type: str, buckets=(32, 5, 12), relative=True, **overrides):
    """A 2-layer D=16 config; `buckets` = (num_buckets, max_distance,
    max_program_cross_embed_distance)."""
    nb, md, cross_md = buckets
    aligned = model_type == "spec_decomposer_model"
    values = dict(
        vocab_size=20,
        output_vocab_size=20 if aligned else 25,
        emb_dim=16,
        qkv_dim=16,
        mlp_dim=32,
        num_heads=2,
        num_layers=2,
        use_relative_attention=relative,
        **uniform_bucket_fields(nb, md, cross_md),
        aligned_relative_attention=aligned,
        separator_token_id=3 if aligned else -1,
    )
    values.update(overrides)
    return TransformerConfig(**values)


def randomise_weights(model, rng):
    """Non-trivial values everywhere, LayerNorm and biases included."""
    for variable in model.weights:
        shape = tuple(variable.shape)
        name = variable.path.rsplit("/", 1)[-1]
        if name == "scale":
            value = 1.0 + 0.3 * rng.standard_normal(shape)
        elif name == "bias":
            value = 0.3 * rng.standard_normal(shape)
        elif name == "embedding":
            value = rng.standard_normal(shape)
        else:  # kernels
            value = rng.standard_normal(shape) / np.sqrt(shape[0])
        variable.assign(value.astype(np.float32))


def make_batch(rng, config, batch=3, examples=3, in_len=7, out_len=6, target_len=9):
    """Token batch with padding, one fully padded example and separators."""
    vocab, out_vocab = config.vocab_size, config.output_vocab_size
    inputs = rng.integers(3, vocab, (batch, examples, in_len))
    outputs = rng.integers(3, vocab, (batch, examples, out_len))
    targets = rng.integers(3, out_vocab, (batch, target_len))
    for b in range(batch):
        for e in range(examples):
            inputs[b, e, rng.integers(1, in_len + 1) :] = 0
            outputs[b, e, rng.integers(1, out_len + 1) :] = 0
        targets[b, rng.integers(2, target_len + 1) :] = 0
    outputs[1, 2, :] = 0  # an example with no valid output position
    inputs[2, 0, :] = 0  # an example with no valid input position
    if config.separator_token_id >= 0:
        targets[0, [1, 4]] = config.separator_token_id  # two segments closed
        targets[2, 0] = config.separator_token_id  # an empty first segment
    return {
        "inputs": inputs.astype(np.int32),
        "outputs": outputs.astype(np.int32),
        "targets": targets.astype(np.int32),
    }
