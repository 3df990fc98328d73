"""Backend and loader construction from settings."""

import pytest

from exedec_tf.llm import backends, factory, oracle
from tests.llm.helpers import llm_data_dir


def test_backends(monkeypatch):
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    backend, model = factory.make_backend("openai", model="m", max_n_per_request=1)
    assert isinstance(backend, backends.OpenAICompatibleBackend)
    assert backend.base_url == "http://localhost:8000/v1" and model == "m"
    backend, model = factory.make_backend("oracle")
    assert isinstance(backend, oracle.OracleLLM) and model == "oracle-model"
    backend, _ = factory.make_backend(
        "callable", model="m", query_fn="tests.llm.backends_test:fake_query_llm"
    )
    assert backend("p", 1, 0.0, model="m", max_tokens=3) == ["m:3:0.0"]


@pytest.mark.parametrize(
    "kind,kwargs,match",
    [
        ("grpc", {}, "unknown backend 'grpc'"),
        ("callable", {"model": "m"}, "query_fn"),
        ("callable", {"query_fn": "a:b"}, "model name"),
    ],
)
def test_bad_backends(kind, kwargs, match):
    with pytest.raises(ValueError, match=match):
        factory.make_backend(kind, **kwargs)


def test_loaders():
    load = factory.make_loader("dir", llm_data_dir())
    assert len(load("robustfill", "NONE", 1)) == 10
    with pytest.raises(ValueError, match="data directory"):
        factory.make_loader("dir")
    with pytest.raises(ValueError, match="'s3'"):
        factory.make_loader("s3")
