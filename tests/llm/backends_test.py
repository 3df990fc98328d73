"""The OpenAI-compatible client against the fake server, and callable backends."""

import threading

import pytest

from exedec_tf.llm import backends
from exedec_tf.llm.backends import LLMBackendError, OpenAICompatibleBackend
from tests.llm.fake_server import FakeOpenAIServer, reply, reply_n


def _client(server, **kwargs):
    kwargs.setdefault("sleep", lambda s: None)
    return OpenAICompatibleBackend(server.url, "test-model", **kwargs)


def test_completions_request_and_choice_order():
    with FakeOpenAIServer([reply("a", "b", "c")]) as server:
        out = _client(server, api_key="sk-1")("PROMPT", 3, 0.7, max_tokens=150)
    assert out == ["a", "b", "c"]
    path, body = server.requests[0]
    assert path == "/v1/completions"
    assert body == {
        "model": "test-model",
        "prompt": "PROMPT",
        "n": 3,
        "temperature": 0.7,
        "max_tokens": 150,
        "_auth": "Bearer sk-1",
    }


def test_chat_endpoint_sends_one_user_message():
    with FakeOpenAIServer([reply("x")]) as server:
        out = _client(server, endpoint="chat")("P", 1, 0.0, model="other")
    assert out == ["x"]
    path, body = server.requests[0]
    assert path == "/v1/chat/completions"
    assert body["messages"] == [{"role": "user", "content": "P"}]
    assert body["model"] == "other" and body["_auth"] is None


def test_missing_choices_are_requested_again():
    # A server that ignores n (like llama.cpp) returns one choice per request.
    with FakeOpenAIServer([reply("s")]) as server:
        assert _client(server)("P", 3, 1.0) == ["s", "s", "s"]
    assert [b["n"] for _, b in server.requests] == [3, 2, 1]


def test_max_n_per_request_splits():
    with FakeOpenAIServer([reply_n("s")]) as server:
        assert _client(server, max_n_per_request=2)("P", 5, 1.0) == ["s"] * 5
    assert [b["n"] for _, b in server.requests] == [2, 2, 1]


@pytest.mark.parametrize("code", [429, 500, 502, 503])
def test_transient_errors_are_retried_with_backoff(code):
    sleeps = []
    actions = [lambda b: ("status", code, {"Retry-After": "3"})] * 2 + [reply("ok")]
    with FakeOpenAIServer(actions) as server:
        client = _client(server, sleep=sleeps.append, backoff=1.0)
        assert client("P", 1, 0.0) == ["ok"]
    assert len(server.requests) == 3 and client.retries == 2
    assert len(sleeps) == 2 and all(3.0 <= s <= 3.3 for s in sleeps)


def test_backoff_doubles_up_to_the_cap():
    sleeps = []
    with FakeOpenAIServer(
        [lambda b: ("status", 503, {})] * 4 + [reply("ok")]
    ) as server:
        _client(server, sleep=sleeps.append, backoff=1.0, max_backoff=3.0)("P", 1, 0)
    assert [round(s) for s in sleeps] == [1, 2, 3, 3]


def test_gives_up_after_max_retries():
    with FakeOpenAIServer([lambda b: ("status", 500, {})]) as server:
        with pytest.raises(LLMBackendError, match="HTTP 500 after 3 attempt"):
            _client(server, max_retries=2)("P", 1, 0.0)
    assert len(server.requests) == 3


@pytest.mark.parametrize("code", [400, 401, 404])
def test_client_errors_are_not_retried(code):
    with FakeOpenAIServer([lambda b: ("status", code, {})]) as server:
        with pytest.raises(LLMBackendError, match=f"HTTP {code}"):
            _client(server)("P", 1, 0.0)
    assert len(server.requests) == 1


def test_timeouts_and_dropped_connections_are_retried():
    actions = [lambda b: ("sleep", 1.0, ["late"]), lambda b: ("drop",), reply("ok")]
    with FakeOpenAIServer(actions) as server:
        client = _client(server, timeout=0.2)
        assert client("P", 1, 0.0) == ["ok"]
    assert client.retries == 2


def test_garbage_body_is_an_error():
    with FakeOpenAIServer([lambda b: ("garbage",)]) as server:
        with pytest.raises(LLMBackendError, match="malformed response"):
            _client(server)("P", 1, 0.0)


def test_concurrency_limit():
    active, peak, lock = [0], [0], threading.Lock()

    def slow(body):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        import time

        time.sleep(0.05)
        with lock:
            active[0] -= 1
        return ("ok", ["s"])

    with FakeOpenAIServer([slow]) as server:
        client = _client(server, max_concurrency=2)
        threads = [
            threading.Thread(target=client, args=("P", 1, 0.0)) for _ in range(8)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(server.requests) == 8 and peak[0] <= 2


def test_settings_from_environment(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://h:1/v1")
    monkeypatch.setenv("EXEDEC_LLM_MODEL", "env-model")
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    assert backends.resolve_settings() == ("http://h:1/v1", "env-model", "k")
    assert backends.resolve_settings("http://x/v1", "m", "k2") == (
        "http://x/v1",
        "m",
        "k2",
    )
    monkeypatch.delenv("EXEDEC_LLM_MODEL")
    with pytest.raises(ValueError, match="model"):
        backends.resolve_settings()


def test_bad_constructor_arguments():
    with pytest.raises(ValueError, match="endpoint 'edit'"):
        OpenAICompatibleBackend("http://x", "m", endpoint="edit")
    with pytest.raises(ValueError, match="max_concurrency"):
        OpenAICompatibleBackend("http://x", "m", max_concurrency=0)


def fake_query_llm(prompt, n, temperature, model, max_tokens):
    return [f"{model}:{max_tokens}:{temperature}"] * n


def test_load_callable():
    backend = backends.load_callable("tests.llm.backends_test:fake_query_llm")
    assert backend("P", 2, 0.5, model="m", max_tokens=7) == ["m:7:0.5"] * 2
    with pytest.raises(ValueError, match="module:function"):
        backends.load_callable("no_colon")
    with pytest.raises(ValueError, match="callable"):
        backends.load_callable("tests.llm.backends_test:nothing_here")
