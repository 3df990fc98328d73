"""ServiceSettings refuses impossible limits, naming the field."""

import pytest

from exedec_tf.service.settings import ServiceSettings


def test_defaults_are_valid():
    settings = ServiceSettings()
    assert settings.max_queue >= settings.max_batch_size >= 1


@pytest.mark.parametrize(
    "fields, match",
    [
        ({"max_batch_size": 0}, "max_batch_size must be a positive int, got 0"),
        ({"max_queue": 2.5}, "max_queue must be a positive int"),
        ({"max_wait_s": -1}, "max_wait_s must be a number >= 0"),
        ({"default_timeout_s": 0}, "default_timeout_s must be a number > 0"),
        ({"default_beam_size": 9, "max_beam_size": 8}, "exceeds max_beam_size 8"),
        ({"default_timeout_s": 9, "max_timeout_s": 8}, "exceeds max_timeout_s 8"),
    ],
)
def test_bad_settings(fields, match):
    with pytest.raises(ValueError, match=match):
        ServiceSettings(**fields)
