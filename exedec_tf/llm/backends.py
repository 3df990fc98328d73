"""LLM backends: an OpenAI-compatible HTTP client and Python callables.

Every backend is a callable with the harness's `query_llm` signature:
`backend(prompt, n, temperature, model, max_tokens) -> list[str]`, returning
`n` continuations of `prompt` (not including it).

`OpenAICompatibleBackend` speaks the `/v1/completions` and
`/v1/chat/completions` endpoints of OpenAI's API, which vLLM, llama.cpp's
server, Ollama, SGLang, TGI and hosted services implement. The prompts are
plain text-completion prompts, so the completions endpoint is the faithful
choice; the chat endpoint sends the prompt as one user message.
"""

import importlib
import os
import random
import threading
import time
from collections.abc import Callable

import requests

from exedec_tf.errors import ExeDecError

ENDPOINTS = ("completions", "chat")
# HTTP statuses worth retrying: timeouts, conflicts, rate limits, server errors.
TRANSIENT_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
DEFAULT_BASE_URL = "http://localhost:8000/v1"

QueryFn = Callable[..., list]


class LLMBackendError(ExeDecError, RuntimeError):
    """The model server refused a request, or retries were exhausted."""


def resolve_settings(
    base_url: str | None = None, model: str | None = None, api_key: str | None = None
) -> tuple[str, str, str | None]:
    """Base URL, model and API key from arguments, else the environment.

    Environment: OPENAI_BASE_URL (default http://localhost:8000/v1),
    EXEDEC_LLM_MODEL, OPENAI_API_KEY (optional: local servers need none).

    Raises:
      ValueError: no model name in either place.
    """
    base_url = base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
    model = model or os.environ.get("EXEDEC_LLM_MODEL")
    if not model:
        raise ValueError("no model name: give `model` or set EXEDEC_LLM_MODEL")
    api_key = api_key or os.environ.get("OPENAI_API_KEY") or None
    return base_url, model, api_key


class OpenAICompatibleBackend:
    """A thread-safe client of an OpenAI-compatible server.

    Args:
      base_url: the API root, e.g. "http://localhost:8000/v1" (vLLM),
        "http://localhost:11434/v1" (Ollama), "http://localhost:8080/v1"
        (llama.cpp server).
      model: the default model name sent with each request.
      api_key: sent as a Bearer token if given.
      endpoint: "completions" (raw text continuation) or "chat".
      timeout: seconds per HTTP request (connect and read).
      max_retries: retries of a transient failure (connection error,
        timeout, HTTP 408/409/425/429/5xx) before giving up.
      backoff: first retry delay in seconds; doubles each retry (with
        jitter) up to `max_backoff`; a Retry-After header is honoured.
      max_concurrency: requests in flight at once across all threads.
      max_n_per_request: split larger `n` into several requests (1 for
        servers that ignore `n`, e.g. llama.cpp); None sends `n` at once.
        If a server returns fewer choices than asked, the rest is requested
        again, so `n` strings always come back.
      extra_body: more JSON fields for every request (e.g. {"top_p": 1}).
      sleep: the sleep function (tests replace it).
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        endpoint: str = "completions",
        timeout: float = 120.0,
        max_retries: int = 5,
        backoff: float = 1.0,
        max_backoff: float = 60.0,
        max_concurrency: int = 8,
        max_n_per_request: int | None = None,
        extra_body: dict | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if endpoint not in ENDPOINTS:
            raise ValueError(
                f"unknown endpoint {endpoint!r}; expected one of {ENDPOINTS}"
            )
        if max_concurrency < 1:
            raise ValueError(f"max_concurrency must be >= 1, got {max_concurrency!r}")
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries!r}")
        if max_n_per_request is not None and max_n_per_request < 1:
            raise ValueError(
                f"max_n_per_request must be >= 1, got {max_n_per_request!r}"
            )
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.endpoint = endpoint
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_n_per_request = max_n_per_request
        self.extra_body = dict(extra_body or {})
        self._headers = {"Content-Type": "application/json"}
        if api_key:
            self._headers["Authorization"] = f"Bearer {api_key}"
        self._slots = threading.BoundedSemaphore(max_concurrency)
        self._local = threading.local()
        self._sleep = sleep
        self.requests_sent = 0
        self.retries = 0

    def __call__(
        self,
        prompt: str,
        n: int,
        temperature: float,
        model: str | None = None,
        max_tokens: int = 256,
    ) -> list[str]:
        """Returns `n` continuations of `prompt`."""
        if not isinstance(n, int) or n < 1:
            raise ValueError(f"n must be a positive int, got {n!r}")
        samples: list[str] = []
        # Each round asks for what is missing; a round returning nothing fails.
        while len(samples) < n:
            want = n - len(samples)
            if self.max_n_per_request:
                want = min(want, self.max_n_per_request)
            got = self._request(
                prompt, want, temperature, model or self.model, max_tokens
            )
            if not got:
                raise LLMBackendError(f"{self._url()} returned no choices")
            samples.extend(got[:want])
        return samples

    def _url(self) -> str:
        path = "chat/completions" if self.endpoint == "chat" else "completions"
        return f"{self.base_url}/{path}"

    def _body(self, prompt, n, temperature, model, max_tokens) -> dict:
        body = {
            "model": model,
            "n": n,
            "temperature": float(temperature),
            "max_tokens": int(max_tokens),
        }
        if self.endpoint == "chat":
            body["messages"] = [{"role": "user", "content": prompt}]
        else:
            body["prompt"] = prompt
        body.update(self.extra_body)
        return body

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def _request(self, prompt, n, temperature, model, max_tokens) -> list[str]:
        url = self._url()
        body = self._body(prompt, n, temperature, model, max_tokens)
        delay = self.backoff
        for attempt in range(self.max_retries + 1):
            last = attempt == self.max_retries
            try:
                with self._slots:
                    self.requests_sent += 1
                    response = self._session().post(
                        url, json=body, headers=self._headers, timeout=self.timeout
                    )
            except (requests.ConnectionError, requests.Timeout) as e:
                if last:
                    raise LLMBackendError(
                        f"{url}: {type(e).__name__} after {attempt + 1} attempts: {e}"
                    ) from e
                wait = delay
            else:
                if response.status_code == 200:
                    return self._parse(response, url)
                if response.status_code not in TRANSIENT_STATUSES or last:
                    raise LLMBackendError(
                        f"{url}: HTTP {response.status_code} after {attempt + 1} "
                        f"attempt(s): {response.text[:500]}"
                    )
                wait = max(delay, _retry_after(response))
            self.retries += 1
            self._sleep(min(wait, self.max_backoff) * (1 + 0.1 * random.random()))
            delay = min(delay * 2, self.max_backoff)
        raise AssertionError("unreachable")

    def _parse(self, response, url) -> list[str]:
        try:
            choices = response.json()["choices"]
            choices = sorted(choices, key=lambda c: c.get("index", 0))
            if self.endpoint == "chat":
                texts = [c["message"].get("content") or "" for c in choices]
            else:
                texts = [c["text"] for c in choices]
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise LLMBackendError(
                f"{url}: malformed response ({type(e).__name__}: {e}): "
                f"{response.text[:500]}"
            ) from e
        if not all(isinstance(t, str) for t in texts):
            raise LLMBackendError(f"{url}: non-string choices: {response.text[:500]}")
        return texts


def _retry_after(response) -> float:
    try:
        return float(response.headers.get("Retry-After", 0))
    except ValueError:
        return 0.0


class CallableBackend:
    """Adapts a Python function `fn(prompt, n, temperature, model, max_tokens)`.

    A function returning a single string for n = 1 is accepted (the cache
    wraps it), as in the original.
    """

    def __init__(self, fn: QueryFn):
        if not callable(fn):
            raise TypeError(f"expected a callable, got {fn!r}")
        self.fn = fn

    def __call__(self, prompt, n, temperature, model=None, max_tokens=256):
        return self.fn(
            prompt, n=n, temperature=temperature, model=model, max_tokens=max_tokens
        )


def load_callable(spec: str) -> CallableBackend:
    """Imports `"package.module:function"` and wraps it as a backend.

    Raises:
      ValueError: `spec` is not of that form, or names nothing callable.
    """
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise ValueError(f"expected 'module:function', got {spec!r}")
    fn = importlib.import_module(module_name)
    for part in attr.split("."):
        fn = getattr(fn, part, None)
    if not callable(fn):
        raise ValueError(f"{spec!r} does not name a callable")
    return CallableBackend(fn)
