"""The service's limits and batching knobs, validated in one place."""

import dataclasses

from exedec_tf.errors import ExeDecError


class ServiceSettingsError(ExeDecError, ValueError):
    """A service limit out of range; the message names it and its value."""


@dataclasses.dataclass(frozen=True)
class ServiceSettings:
    """How the service batches and what it accepts.

    Attributes:
      max_batch_size: most requests in one run of the batched loop.
      max_wait_s: how long the first request of a batch waits for others.
      max_queue: most requests waiting for a batch; beyond it, 503.
      max_body_bytes: largest request body; beyond it, 413.
      max_examples: most examples in a request (the models also need
        exactly their own E).
      max_value_chars: longest input or output of an example (as JSON text).
      default_beam_size, max_beam_size: `beam_size` when absent; its bound.
      default_timeout_s, max_timeout_s: the per-request deadline when
        `timeout_s` is absent; its bound.
      retry_after_s: the Retry-After of a 503.
      shutdown_timeout_s: how long a graceful shutdown waits for in-flight
        requests.
    """

    max_batch_size: int = 8
    max_wait_s: float = 0.01
    max_queue: int = 64
    max_body_bytes: int = 64 * 1024
    max_examples: int = 16
    max_value_chars: int = 200
    default_beam_size: int = 10
    max_beam_size: int = 64
    default_timeout_s: float = 60.0
    max_timeout_s: float = 600.0
    retry_after_s: int = 1
    shutdown_timeout_s: float = 60.0

    def __post_init__(self):
        for name in (
            "max_batch_size",
            "max_queue",
            "max_body_bytes",
            "max_examples",
            "max_value_chars",
            "default_beam_size",
            "max_beam_size",
            "retry_after_s",
        ):
            value = getattr(self, name)
            if type(value) is not int or value < 1:
                raise ServiceSettingsError(
                    f"{name} must be a positive int, got {value!r}"
                )
        for name in ("max_wait_s", "shutdown_timeout_s"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or value < 0:
                raise ServiceSettingsError(
                    f"{name} must be a number >= 0, got {value!r}"
                )
        for name in ("default_timeout_s", "max_timeout_s"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or value <= 0:
                raise ServiceSettingsError(
                    f"{name} must be a number > 0, got {value!r}"
                )
        if self.default_beam_size > self.max_beam_size:
            raise ServiceSettingsError(
                f"default_beam_size {self.default_beam_size} exceeds "
                f"max_beam_size {self.max_beam_size}"
            )
        if self.default_timeout_s > self.max_timeout_s:
            raise ServiceSettingsError(
                f"default_timeout_s {self.default_timeout_s} exceeds "
                f"max_timeout_s {self.max_timeout_s}"
            )
