"""ExeDec Transformer models (models.md): config, encoder, decoder, the four
model types and the Flax parameter mapping.

The names below load their submodule on first use, so importing a light
submodule (`config`, `model_type`, `paper_configs`) does not import Keras.
"""

from exedec_tf.lazy_exports import lazy_exports

# Public name -> the submodule that defines it.
_EXPORTS = {
    "BaselineModel": ".baseline_model",
    "TransformerConfig": ".config",
    "as_config": ".config",
    "ExeDecTransformer": ".exedec_transformer",
    "shift_right": ".exedec_transformer",
    "FlaxParam": ".flax_params",
    "flax_param_paths": ".flax_params",
    "flax_path_of": ".flax_params",
    "get_flax_params": ".flax_params",
    "set_flax_params": ".flax_params",
    "IOEncoder": ".io_encoder",
    "JointModel": ".joint_model",
    "ModelType": ".model_type",
    "MODEL_CLASSES": ".model_types",
    "create_model": ".model_types",
    "model_class": ".model_types",
    "paper_model": ".model_types",
    "DOMAINS": ".paper_configs",
    "ModelSizes": ".paper_configs",
    "paper_config": ".paper_configs",
    "paper_sizes": ".paper_configs",
    "ProgramDecoder": ".program_decoder",
    "ProgramModel": ".program_model",
    "SpecDecomposer": ".spec_decomposer",
    "Synthesizer": ".synthesizer",
}
__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
