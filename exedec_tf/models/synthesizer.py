"""The Synthesizer: predicts the next program part from a subgoal."""

import keras

from exedec_tf.models.model_type import ModelType
from exedec_tf.models.program_model import ProgramModel


@keras.saving.register_keras_serializable(package="exedec_tf")
class Synthesizer(ProgramModel):
    """Predicts the program part that maps the inputs to the subgoal.

    Encoder `inputs` are the step inputs and `outputs` the subgoal: the
    per-example output of the next program part (optionally corrupted). The
    target is that part then EOS, in the program vocabulary; for DeepCoder
    only the right-hand side of the statement (models.md §8).

    Args:
      config: a `TransformerConfig` without aligned relative attention.
      **kwargs: standard `keras.Model` arguments.
    """

    MODEL_TYPE = ModelType.SYNTHESIZER
