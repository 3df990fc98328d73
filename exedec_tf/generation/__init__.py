"""Exact-replay random task generators for every domain, experiment and split.

`generate_tasks` (from `exedec_tf.generation.api`) is the public entry point:

    from exedec_tf.generation import generate_tasks

It is loaded on first use, so importing this package stays cheap and never
pulls in a generator (or TensorFlow) that a caller does not need.
"""

from exedec_tf.lazy_exports import lazy_exports

# Public name -> the submodule that defines it.
_EXPORTS = {
    "generate_tasks": "exedec_tf.generation.api",
    "default_programs_per_search": "exedec_tf.generation.api",
    "DOMAINS": "exedec_tf.generation.api",
    "Task": "exedec_tf.domains.records",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
