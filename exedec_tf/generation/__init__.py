"""Exact-replay random task generators for every domain, experiment and split.

`generate_tasks` (from `exedec_tf.generation.api`) is the public entry point:

    from exedec_tf.generation import generate_tasks

It is loaded on first use, so importing this package stays cheap and never
pulls in a generator (or TensorFlow) that a caller does not need.
"""

import importlib

# Public name -> the submodule that defines it.
_EXPORTS = {
    "generate_tasks": "exedec_tf.generation.api",
    "default_programs_per_search": "exedec_tf.generation.api",
    "DOMAINS": "exedec_tf.generation.api",
    "Task": "exedec_tf.domains.records",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this hook
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
