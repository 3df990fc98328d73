"""The SpecDecomposer ("SubgoalModel"): predicts the next subgoal."""

import keras

from exedec_tf.models.exedec_transformer import ExeDecTransformer
from exedec_tf.models.model_type import ModelType


@keras.saving.register_keras_serializable(package="exedec_tf")
class SpecDecomposer(ExeDecTransformer):
    """Predicts the per-example outputs of the next program step.

    Encoder `inputs` are the step inputs and `outputs` the step outputs
    (RobustFill: the remaining output; DeepCoder: the final output). The
    target is every example's next part joined by the separator, then EOS,
    in the spec vocabulary (models.md §8). The published models align the
    decoder's cross-attention positions at the separators
    (`aligned_relative_attention`, §7): the k-th token of part e attends as
    if it sat at position k of example e's encoded output.

    Args:
      config: a `TransformerConfig`; its output vocabulary must be the spec
        vocabulary, and aligned attention needs a separator id.
      **kwargs: standard `keras.Model` arguments.
    """

    MODEL_TYPE = ModelType.SPEC_DECOMPOSER

    @classmethod
    def check_config(cls, config) -> None:
        if config.output_vocab_size != config.vocab_size:
            raise ValueError(
                "SpecDecomposer predicts spec tokens: output_vocab_size="
                f"{config.output_vocab_size} must equal "
                f"vocab_size={config.vocab_size}"
            )
        if config.aligned_relative_attention and config.separator_token_id < 0:
            raise ValueError(
                "aligned_relative_attention needs separator_token_id >= 0, got "
                f"{config.separator_token_id}"
            )
