"""From TFDS examples to padded, static-shape batches for each model type.

Every model takes `inputs` and `outputs` `[B, N, L]` (int32 spec ids, 0 =
padding) and predicts `targets` `[B, T]` (int32, EOS-terminated, no BOS):

* spec_decomposer, one example per step: outputs = the remaining outputs,
  targets = the next parts joined by the separator;
* synthesizer, one per step: outputs = the next parts (or, with probability
  `corruption_rate`, the corrupted ones), targets = the program part
  (DeepCoder: without its `xK =`);
* joint, one per step: outputs = the remaining outputs, targets as for the
  synthesizer;
* baseline, one per task: the task's outputs, targets = the whole program.

Sequences longer than the static shapes raise an InvalidArgumentError naming
the field, as silently truncating them would change the task.
"""

import tensorflow as tf

from exedec_tf.data.tokenize import Tokenizer
from exedec_tf.models.model_type import ModelType


def _pad(ids: tf.RaggedTensor | tf.Tensor, shape: list[int], what: str) -> tf.Tensor:
    """Pads ragged/dense ids with 0 to `shape`, failing if any row is longer."""
    if isinstance(ids, tf.RaggedTensor):
        longest = tf.reduce_max(tf.concat([ids.row_lengths(), [0]], axis=0))
    else:
        longest = tf.shape(ids, out_type=tf.int64)[-1]
    check = tf.debugging.assert_less_equal(
        longest,
        tf.constant(shape[-1], tf.int64),
        message=f"{what} is longer than its static length {shape[-1]}",
    )
    with tf.control_dependencies([check]):
        if isinstance(ids, tf.RaggedTensor):
            dense = ids.to_tensor(default_value=0, shape=shape)
        else:
            dense = tf.pad(ids, [[0, shape[-1] - tf.shape(ids)[-1]]])
            dense = tf.ensure_shape(dense, shape)
    return dense


def _steps(example: dict) -> tf.data.Dataset:
    return tf.data.Dataset.from_tensor_slices(example["steps"])


def _check_examples(strings: tf.Tensor, num_examples: int, what: str) -> tf.Tensor:
    check = tf.debugging.assert_equal(
        tf.shape(strings)[0],
        num_examples,
        message=f"{what} must have exactly {num_examples} examples",
    )
    with tf.control_dependencies([check]):
        return tf.identity(strings)


def model_examples(
    examples: tf.data.Dataset,
    *,
    domain: str,
    model_type: str,
    num_examples: int,
    max_input_length: int,
    max_target_length: int,
    corruption_rate: float = 0.0,
    seed: int = 0,
) -> tf.data.Dataset:
    """Maps TFDS task examples to unbatched model examples of static shape.

    Args:
      examples: a dataset of feature dicts from the `exedec_*` TFDS builders.
      domain: a domain name (`exedec_tf.domains.names()`).
      model_type: a `ModelType` or its name in either spelling.
      num_examples: N, the I/O examples per task.
      max_input_length: L, the padded length of every input/output string.
      max_target_length: T, the padded target length (EOS included).
      corruption_rate: synthesizer only: probability of replacing a step's
        next parts by its corrupted next parts.
      seed: seed of the corruption draws (stateless, so runs are repeatable).

    Returns:
      A dataset of dicts: `inputs`, `outputs` int32 `[N, L]`, `targets` int32
      `[T]`.
    """
    model_type = ModelType.parse(model_type)
    if not 0.0 <= corruption_rate <= 1.0:
        raise ValueError(f"corruption_rate must be in [0, 1], got {corruption_rate}")
    if corruption_rate and model_type is not ModelType.SYNTHESIZER:
        raise ValueError("corruption_rate applies to the synthesizer only")
    for name, value in (
        ("num_examples", num_examples),
        ("max_input_length", max_input_length),
        ("max_target_length", max_target_length),
    ):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    tok = Tokenizer(domain)
    spec_shape = [num_examples, max_input_length]

    def specs(strings, what):
        ids = tok.spec_ids(_check_examples(strings, num_examples, what))
        with tf.control_dependencies([tok.check_ids(ids, tok.spec_vocab_size, what)]):
            return _pad(ids, spec_shape, what)

    def target(ids, vocab_size, what):
        with tf.control_dependencies([tok.check_ids(ids, vocab_size, what)]):
            return _pad(ids, [max_target_length], what)

    def baseline(ex):
        return {
            "inputs": specs(ex["inputs"], "inputs"),
            "outputs": specs(ex["outputs"], "outputs"),
            "targets": target(
                tok.program_ids(ex["program"]), tok.program_vocab_size, "program"
            ),
        }

    def step(index, st):
        inputs = specs(st["inputs"], "inputs")
        if model_type is ModelType.SPEC_DECOMPOSER:
            outputs = specs(st["outputs"], "outputs")
            ids = tok.joined_spec_ids(st["next_part"])
            return {
                "inputs": inputs,
                "outputs": outputs,
                "targets": target(ids, tok.spec_vocab_size, "joined next parts"),
            }
        program = tok.program_ids(st["program_part"], drop_lhs=True)
        targets = target(program, tok.program_vocab_size, "program part")
        if model_type is ModelType.JOINT:
            return {
                "inputs": inputs,
                "outputs": specs(st["outputs"], "outputs"),
                "targets": targets,
            }
        outputs = specs(st["next_part"], "next parts")
        if corruption_rate:
            draw = tf.random.stateless_uniform([], seed=tf.stack([seed, index]))
            corrupted = specs(st["corrupted_next_part"], "corrupted next parts")
            outputs = tf.where(draw < corruption_rate, corrupted, outputs)
        return {"inputs": inputs, "outputs": outputs, "targets": targets}

    if model_type is ModelType.BASELINE:
        return examples.map(
            baseline, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True
        )
    steps = examples.flat_map(_steps).enumerate()
    return steps.map(
        lambda i, st: step(tf.cast(i, tf.int64), st),
        num_parallel_calls=tf.data.AUTOTUNE,
        deterministic=True,
    )


def batched(
    examples: tf.data.Dataset, batch_size: int, drop_remainder: bool = True
) -> tf.data.Dataset:
    """Batches model examples (static shapes when `drop_remainder`)."""
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    return examples.batch(batch_size, drop_remainder=drop_remainder).prefetch(
        tf.data.AUTOTUNE
    )
