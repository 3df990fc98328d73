"""SavedModel export of ExeDec models and a `BeamSearchModel` loader."""

from exedec_tf.serving.export import export_beam_search_model
from exedec_tf.serving.export_module import BeamSearchExportModule
from exedec_tf.serving.loader import (
    SavedModelBeamSearchModel,
    load_beam_search_model,
    read_export_config,
)

__all__ = [
    "BeamSearchExportModule",
    "SavedModelBeamSearchModel",
    "export_beam_search_model",
    "load_beam_search_model",
    "read_export_config",
]
