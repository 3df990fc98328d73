"""The joint model ("CombinedModel"): the no-subgoal ablation."""

import keras

from exedec_tf.models.model_type import ModelType
from exedec_tf.models.program_model import ProgramModel


@keras.saving.register_keras_serializable(package="exedec_tf")
class JointModel(ProgramModel):
    """Predicts the next program part directly from the full specification.

    Encoder `inputs` are the step inputs and `outputs` the step outputs; the
    target is the next program part then EOS, as for the Synthesizer
    (models.md §8).

    Args:
      config: a `TransformerConfig` without aligned relative attention.
      **kwargs: standard `keras.Model` arguments.
    """

    MODEL_TYPE = ModelType.JOINT
