"""The Transformer baseline: the whole program in one pass."""

import keras

from exedec_tf.models.model_type import ModelType
from exedec_tf.models.program_model import ProgramModel


@keras.saving.register_keras_serializable(package="exedec_tf")
class BaselineModel(ProgramModel):
    """Predicts the whole program from the original specification.

    Encoder `inputs` are the original inputs and `outputs` the final outputs.
    The target is the whole program then EOS: RobustFill expressions without
    separators, DeepCoder lines including `xK = INPUT` and `|` (models.md §8).

    Args:
      config: a `TransformerConfig` without aligned relative attention.
      **kwargs: standard `keras.Model` arguments.
    """

    MODEL_TYPE = ModelType.BASELINE
