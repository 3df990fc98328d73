"""SavedModel export of ExeDec models and a `BeamSearchModel` loader."""

from exedec_tf.serving.export import (
    END_TO_END_LENGTHS,
    end_to_end_lengths,
    export_beam_search_model,
)
from exedec_tf.serving.export_module import BeamSearchExportModule
from exedec_tf.serving.loader import (
    SavedModelBeamSearchModel,
    load_beam_search_model,
    read_export_config,
)

__all__ = [
    "END_TO_END_LENGTHS",
    "BeamSearchExportModule",
    "SavedModelBeamSearchModel",
    "end_to_end_lengths",
    "export_beam_search_model",
    "load_beam_search_model",
    "read_export_config",
]
