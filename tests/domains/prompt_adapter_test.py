"""Tests of exedec_tf.domains.prompt_adapter (the per-domain LLM prompt interface)."""

import pytest

from exedec_tf import domains
from exedec_tf.domains.prompt_adapter import PromptAdapter, TrajectoryError
from exedec_tf.errors import ExeDecError


def test_trajectory_error_is_a_library_value_error():
    assert issubclass(TrajectoryError, ExeDecError)
    assert issubclass(TrajectoryError, ValueError)


def test_the_interface_is_abstract():
    with pytest.raises(TypeError, match="abstract"):
        PromptAdapter()


@pytest.mark.parametrize("name", domains.names())
def test_every_domain_has_an_adapter_for_its_name(name):
    adapter = domains.get(name).prompt_adapter()
    assert isinstance(adapter, PromptAdapter)
    assert adapter.domain == name
    assert set(adapter.max_tokens) == {"baseline", "exedec", "exedec_ablation"}
    for version in adapter.versions:
        functions, _ = adapter.dsl_details(version)
        assert functions
