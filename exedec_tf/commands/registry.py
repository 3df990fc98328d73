"""How the front ends find named configs: a registry module, looked up by name.

The named configs live in a registry module above the library (the
checkout's `configs/`, installed as `exedec_tf.configs`): it builds
`ExperimentConfig`s from the library, and the library never imports it. The
command line and the demo, the only places that turn a name into a config,
load the registry by module name when they need it, as a plugin.
`$EXEDEC_TF_CONFIGS` names another registry module (your own configs); it
must offer `get_config(name)` (and, for the demo, `config_name(domain,
model_type, scale)`).
"""

import importlib
import os

from exedec_tf.errors import ConfigError

DEFAULT_REGISTRY = "exedec_tf.configs"
REGISTRY_ENV = "EXEDEC_TF_CONFIGS"


def registry_module():
    """The registry module (`$EXEDEC_TF_CONFIGS`, default `exedec_tf.configs`).

    Raises:
      ConfigError: the module cannot be imported or lacks `get_config`.
    """
    name = os.environ.get(REGISTRY_ENV) or DEFAULT_REGISTRY
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        raise ConfigError(
            f"cannot import the config registry {name!r} ({error}); install the "
            f"checkout (pip install -e .) or set {REGISTRY_ENV}"
        ) from None
    if not callable(getattr(module, "get_config", None)):
        raise ConfigError(f"config registry {name!r} has no get_config(name)")
    return module


def get_config(name: str):
    """The registered config `name`.

    Raises:
      ConfigError: unknown name (the registry's message lists the known ones).
    """
    return registry_module().get_config(name)


def config_name(domain: str, model_type, scale: str) -> str:
    """The registry's name of a (domain, model type, scale), e.g.
    `robustfill_synthesizer_tiny` (the demo picks its configs by scale)."""
    return registry_module().config_name(domain, model_type, scale)
