"""ExeDec Transformer models (models.md): config, encoder, decoder, the four
model types and the Flax parameter mapping."""

from exedec_tf.models.baseline_model import BaselineModel
from exedec_tf.models.config import TransformerConfig, as_config
from exedec_tf.models.exedec_transformer import ExeDecTransformer, shift_right
from exedec_tf.models.flax_params import (
    FlaxParam,
    flax_param_paths,
    flax_path_of,
    get_flax_params,
    set_flax_params,
)
from exedec_tf.models.io_encoder import IOEncoder
from exedec_tf.models.joint_model import JointModel
from exedec_tf.models.model_type import ModelType
from exedec_tf.models.model_types import (
    MODEL_CLASSES,
    create_model,
    model_class,
    paper_model,
)
from exedec_tf.models.paper_configs import (
    DOMAINS,
    ModelSizes,
    paper_config,
    paper_sizes,
)
from exedec_tf.models.program_decoder import ProgramDecoder
from exedec_tf.models.program_model import ProgramModel
from exedec_tf.models.spec_decomposer import SpecDecomposer
from exedec_tf.models.synthesizer import Synthesizer

__all__ = [
    "DOMAINS",
    "MODEL_CLASSES",
    "BaselineModel",
    "ExeDecTransformer",
    "FlaxParam",
    "IOEncoder",
    "JointModel",
    "ModelSizes",
    "ModelType",
    "ProgramDecoder",
    "ProgramModel",
    "SpecDecomposer",
    "Synthesizer",
    "TransformerConfig",
    "as_config",
    "create_model",
    "flax_param_paths",
    "flax_path_of",
    "get_flax_params",
    "model_class",
    "paper_config",
    "paper_model",
    "paper_sizes",
    "set_flax_params",
    "shift_right",
]
