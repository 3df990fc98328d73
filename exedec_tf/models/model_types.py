"""Model-type names (as in the original's flags) and their classes."""

from exedec_tf.models.baseline_model import BaselineModel
from exedec_tf.models.exedec_transformer import ExeDecTransformer
from exedec_tf.models.joint_model import JointModel
from exedec_tf.models.paper_configs import paper_config
from exedec_tf.models.spec_decomposer import SpecDecomposer
from exedec_tf.models.synthesizer import Synthesizer

MODEL_CLASSES: dict[str, type[ExeDecTransformer]] = {
    cls.MODEL_TYPE: cls
    for cls in (SpecDecomposer, Synthesizer, JointModel, BaselineModel)
}


def model_class(model_type: str) -> type[ExeDecTransformer]:
    """The class of a model type such as "spec_decomposer_model".

    Raises:
      ValueError: unknown model type.
    """
    try:
        return MODEL_CLASSES[model_type]
    except KeyError:
        raise ValueError(
            f"model_type must be one of {sorted(MODEL_CLASSES)}, got {model_type!r}"
        ) from None


def create_model(model_type: str, config, **kwargs) -> ExeDecTransformer:
    """Builds the model of `model_type` with `config` (weights initialised)."""
    return model_class(model_type)(config, **kwargs)


def paper_model(domain: str, model_type: str, **overrides) -> ExeDecTransformer:
    """The published model of `domain` and `model_type`, freshly initialised.

    Args:
      domain: "robustfill" or "deepcoder".
      model_type: e.g. "synthesizer_model".
      **overrides: TransformerConfig fields to change.
    """
    return create_model(model_type, paper_config(domain, model_type, **overrides))
