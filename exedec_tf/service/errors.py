"""Errors of the service, each with the HTTP status it is answered with."""

from exedec_tf.errors import ExeDecError


class RequestError(ExeDecError, ValueError):
    """A request the service refuses; the message names the bad field.

    Attributes:
      field: the offending field (`examples[2].input`, `beam_size`, `body`).
      status: the HTTP status of the answer (400, 413, 415 or 422).
    """

    def __init__(self, field: str, message: str, status: int = 400):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.status = status


class QueueFullError(ExeDecError, RuntimeError):
    """The request queue is full; answered 503 with Retry-After."""


class ServiceClosedError(ExeDecError, RuntimeError):
    """The service is shutting down and takes no new requests (503)."""


class DeadlineExceededError(ExeDecError, TimeoutError):
    """A request's deadline passed before its batch started (504)."""
