"""The Keras class of each model type, and builders of fresh models."""

from exedec_tf.models.baseline_model import BaselineModel
from exedec_tf.models.exedec_transformer import ExeDecTransformer
from exedec_tf.models.joint_model import JointModel
from exedec_tf.models.model_type import ModelType
from exedec_tf.models.paper_configs import paper_config
from exedec_tf.models.spec_decomposer import SpecDecomposer
from exedec_tf.models.synthesizer import Synthesizer

MODEL_CLASSES: dict[ModelType, type[ExeDecTransformer]] = {
    cls.MODEL_TYPE: cls
    for cls in (SpecDecomposer, Synthesizer, JointModel, BaselineModel)
}


def model_class(model_type: ModelType | str) -> type[ExeDecTransformer]:
    """The class of a model type (a `ModelType` or its name in either spelling).

    Raises:
      ConfigError: unknown model type.
    """
    return MODEL_CLASSES[ModelType.parse(model_type)]


def create_model(model_type: ModelType | str, config, **kwargs) -> ExeDecTransformer:
    """Builds the model of `model_type` with `config` (weights initialised)."""
    return model_class(model_type)(config, **kwargs)


def paper_model(
    domain: str, model_type: ModelType | str, **overrides
) -> ExeDecTransformer:
    """The published model of `domain` and `model_type`, freshly initialised.

    Args:
      domain: "robustfill" or "deepcoder".
      model_type: a `ModelType` or its name, e.g. "synthesizer".
      **overrides: TransformerConfig fields to change.
    """
    return create_model(model_type, paper_config(domain, model_type, **overrides))
