"""Backends and data loaders from plain settings (for the CLI and the script)."""

import functools

from exedec_tf.llm import backends, data, oracle

BACKENDS = ("openai", "callable", "oracle")
SOURCES = ("dir", "download", "tfds")


def make_backend(
    kind: str,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    endpoint: str = "completions",
    query_fn: str | None = None,
    timeout: float = 120.0,
    max_retries: int = 5,
    max_concurrency: int = 8,
    max_n_per_request: int | None = None,
):
    """Returns `(backend, model name)`.

    Args:
      kind: "openai" (an OpenAI-compatible server; base URL, model and key
        fall back to OPENAI_BASE_URL, EXEDEC_LLM_MODEL, OPENAI_API_KEY),
        "callable" (`query_fn` = "module:function"), or "oracle" (answers
        with the ground truth; a check of the harness, not a model).
      Other arguments: see `backends.OpenAICompatibleBackend`.

    Raises:
      ValueError: unknown kind or missing settings.
    """
    if kind == "openai":
        base_url, model, api_key = backends.resolve_settings(base_url, model, api_key)
        backend = backends.OpenAICompatibleBackend(
            base_url,
            model,
            api_key=api_key,
            endpoint=endpoint,
            timeout=timeout,
            max_retries=max_retries,
            max_concurrency=max_concurrency,
            max_n_per_request=max_n_per_request,
        )
        return backend, model
    if kind == "callable":
        if not query_fn:
            raise ValueError("the callable backend needs query_fn='module:function'")
        if not model:
            raise ValueError("the callable backend needs a model name")
        return backends.load_callable(query_fn), model
    if kind == "oracle":
        return oracle.OracleLLM([]), model or "oracle-model"
    raise ValueError(f"unknown backend {kind!r}; expected one of {BACKENDS}")


def make_loader(source: str, data_dir=None):
    """Returns `load(domain, experiment, version) -> rows`.

    Args:
      source: "dir" (`data_dir` holds `<domain>/<EXPERIMENT>.jsonl`),
        "download" (the official files, verified, cached), or "tfds" (the
        built TFDS `llm` split; `data_dir` is the TFDS data directory).
    """
    if source == "dir":
        if not data_dir:
            raise ValueError("source 'dir' needs a data directory")
        return functools.partial(_load_dir, data_dir)
    if source == "download":
        return functools.partial(_load_dir, None)
    if source == "tfds":
        return functools.partial(_load_tfds, data_dir)
    raise ValueError(f"unknown data source {source!r}; expected one of {SOURCES}")


def _load_dir(data_dir, domain, experiment, version):
    return data.load_rows(data_dir, domain, experiment, version)


def _load_tfds(data_dir, domain, experiment, version):
    return data.load_rows_tfds(domain, experiment, version, data_dir=data_dir)
