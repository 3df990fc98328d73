"""Domain registry: `exedec_tf.domains.get("deepcoder" | "robustfill")`."""

import functools

from exedec_tf.domains.base import Domain

_NAMES = ("deepcoder", "robustfill")


@functools.cache
def get(name: str) -> Domain:
    """Returns the Domain called `name` (a shared, stateless instance).

    Raises:
      ValueError: `name` is not a known domain.
    """
    if name == "deepcoder":
        from exedec_tf.domains.deepcoder import DeepCoderDomain

        return DeepCoderDomain()
    if name == "robustfill":
        from exedec_tf.domains.robustfill import RobustFillDomain

        return RobustFillDomain()
    raise ValueError(f"unknown domain {name!r}; expected one of {_NAMES}")


def names() -> tuple[str, ...]:
    """The names of all registered domains."""
    return _NAMES


__all__ = ["Domain", "get", "names"]
