"""The `exedec_tf.generation` package's public names."""

import subprocess
import sys

import pytest

import exedec_tf.generation as generation
from exedec_tf.domains import records
from exedec_tf.generation import api


def test_generate_tasks_is_importable_from_the_package():
    from exedec_tf.generation import generate_tasks

    assert generate_tasks is api.generate_tasks
    [task] = generate_tasks("robustfill", "NONE", "test", seed=0, shard=0, num_tasks=1)
    assert isinstance(task, records.Task)


def test_every_public_name_resolves():
    for name in generation.__all__:
        assert getattr(generation, name) is not None
        assert name in dir(generation)


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'generate'"):
        generation.generate  # noqa: B018


def test_importing_the_package_stays_light():
    code = (
        "import sys, exedec_tf.generation\n"
        "assert 'exedec_tf.generation.api' not in sys.modules\n"
        "from exedec_tf.generation import generate_tasks\n"
        "heavy = [m for m in ('tensorflow', 'keras', 'numpy') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
