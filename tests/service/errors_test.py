"""The service errors carry their field and HTTP status."""

from exedec_tf.errors import ExeDecError
from exedec_tf.service import errors


def test_request_error_names_the_field():
    error = errors.RequestError("examples[1].input", "too long", 413)
    assert str(error) == "examples[1].input: too long"
    assert (error.field, error.status) == ("examples[1].input", 413)
    assert errors.RequestError("body", "x").status == 400


def test_every_error_is_an_exedec_error():
    for cls in (
        errors.RequestError,
        errors.QueueFullError,
        errors.ServiceClosedError,
        errors.DeadlineExceededError,
    ):
        assert issubclass(cls, ExeDecError)
