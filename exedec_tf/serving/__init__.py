"""SavedModel export of a model's `SearchModule` and its loader."""

from exedec_tf.serving.export import export_beam_search_model, export_search_module
from exedec_tf.serving.loader import load_beam_search_model, read_export_config

__all__ = [
    "export_beam_search_model",
    "export_search_module",
    "load_beam_search_model",
    "read_export_config",
]
