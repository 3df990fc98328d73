"""Shared pytest helpers: where the released ExeDec data lives."""

import os
import pathlib

import pytest

_REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent


def shared_data_dir() -> pathlib.Path:
    """Returns the `exedec_data` directory, skipping the test if it is absent.

    The directory is taken from the EXEDEC_SHARED_DATA environment variable, or
    else `../shared/exedec_data` next to the repository checkout.
    """
    env = os.environ.get("EXEDEC_SHARED_DATA")
    path = pathlib.Path(env) if env else _REPO_ROOT.parent / "shared" / "exedec_data"
    if not (path / "test_data").is_dir():
        pytest.skip(f"released ExeDec data not found at {path}")
    return path


@pytest.fixture
def shared_data() -> pathlib.Path:
    """Fixture form of `shared_data_dir()`."""
    return shared_data_dir()
