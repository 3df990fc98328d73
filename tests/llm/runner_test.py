"""Whole experiments against the fake OpenAI-compatible server."""

import json

import pytest

from exedec_tf.llm import data, oracle
from exedec_tf.llm.backends import OpenAICompatibleBackend
from exedec_tf.llm.runner import ExperimentConfig, run_experiment
from exedec_tf.llm.sandbox import Sandbox
from tests.llm.fake_server import FakeOpenAIServer
from tests.llm.helpers import llm_data_dir


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(time_limit=2.0, num_workers=2) as sb:
        yield sb


def _loader(domain, experiment, version):
    return data.load_rows(llm_data_dir(), domain, experiment, version)


def _oracle_action(config):
    """A server action answering each prompt with its ground-truth continuation."""
    llm = oracle.OracleLLM([], unknown="no idea")
    for domain in config.domains:
        for experiment in config.experiments:
            version = config.version(domain)
            llm.add_texts(
                oracle.complete_text(config.prompt_format, domain, version, s, t)
                for _, s, t in _loader(domain, experiment, version)
            )
    return lambda body: ("ok", llm(body["prompt"], body["n"]))


def _run(tmp_path, config, actions, sandbox, **backend_kwargs):
    with FakeOpenAIServer(actions) as server:
        backend = OpenAICompatibleBackend(
            server.url, config.model, sleep=lambda s: None, **backend_kwargs
        )
        summary = run_experiment(
            config,
            backend,
            _loader,
            tmp_path / "results",
            tmp_path / "cache",
            sandbox=sandbox,
            progress_bar=False,
        )
    return summary, server


@pytest.mark.parametrize("prompt_format", ["baseline", "exedec", "exedec_ablation"])
def test_oracle_server_solves_everything(tmp_path, sandbox, prompt_format):
    config = ExperimentConfig(
        prompt_format=prompt_format,
        model="org/fake-model",
        experiments=("NONE", "COMPOSE_NEW_OP"),
        max_problems=4,
        num_workers=2,
    )
    summary, server = _run(tmp_path, config, [_oracle_action(config)], sandbox)
    assert summary["errors"] == []
    for domain in ("deepcoder", "robustfill"):
        for exp in ("NONE", "COMPOSE_NEW_OP"):
            assert summary["solved"][domain][exp] == {
                "solved": 4,
                "total": 4,
                "rate": 1.0,
            }
    name = (
        f"{prompt_format}_fake-model_1-samples_0.0-temperature_"
        "deepcoder-v1_robustfill-v1"
    )
    results = json.loads((tmp_path / "results" / f"{name}.json").read_text())
    records = results["deepcoder"]["NONE"]
    assert [r["index"] for r in records] == [0, 1, 2, 3]
    first = records[0]
    assert first["test_problem"][2] == "x0 = INPUT | x1 = Filter (%2==1) x0"
    assert first["success"] is True
    if prompt_format == "baseline":
        assert len(server.requests) == 16
        assert set(first) == {
            "index",
            "test_problem",
            "samples",
            "success",
            "elapsed_time",
        }
    else:
        assert first["samples"] == [first["test_problem"][3]]
        assert set(first["trajectories"][0][0]) == {"sample", "program_step", "prompt"}
    assert (
        json.loads((tmp_path / "results" / f"{name}.summary.json").read_text())[
            "config"
        ]["model"]
        == "org/fake-model"
    )


def test_errors_resume_and_cache_replay(tmp_path, sandbox):
    config = ExperimentConfig(
        domains=("deepcoder",), experiments=("NONE",), max_problems=5, num_workers=1
    )
    good = _oracle_action(config)
    # Problem prompts containing "Case 1. x0 = [5, 8, 1]" (index 0) get HTTP 400.
    flaky = lambda body: (  # noqa: E731
        ("status", 400, {})
        if "Case 1. x0 = [5, 8, 1] -->" in body["prompt"]
        else good(body)
    )
    summary, _ = _run(tmp_path, config, [flaky], sandbox)
    assert len(summary["errors"]) == 1 and "#0" in summary["errors"][0]
    name = config.run_name()
    assert not (tmp_path / "results" / f"{name}.json").exists()
    # Resume: only the failed problem is asked again.
    summary, server = _run(tmp_path, config, [good], sandbox)
    assert summary["errors"] == [] and len(server.requests) == 1
    assert summary["solved"]["deepcoder"]["NONE"]["solved"] == 5
    # A fresh run over the same cache with a garbage-only server: same
    # successes, no requests at all.
    (tmp_path / "results" / f"{name}.progress.jsonl").unlink()
    garbage = lambda body: ("ok", ["this is not code"] * body["n"])  # noqa: E731
    summary, server = _run(tmp_path, config, [garbage], sandbox)
    assert summary["solved"]["deepcoder"]["NONE"]["solved"] == 5
    assert len(server.requests) == 0 and summary["backend_calls"] == 0


@pytest.mark.parametrize(
    "answer",
    [
        "this is not code",
        "def program(x0):\n  x1 = dsl.Sort(x0)\n",  # partial program, wrong
        "def program(x0):\n  while True:\n    pass\n```",  # hangs: sandbox limit
        "import os\nos._exit(0)\n```",
    ],
    ids=["garbage", "partial", "hang", "exit"],
)
def test_bad_answers_fail_cleanly(tmp_path, sandbox, answer):
    config = ExperimentConfig(
        domains=("deepcoder",), experiments=("NONE",), max_problems=2, num_workers=2
    )
    summary, _ = _run(tmp_path, config, [lambda b: ("ok", [answer] * b["n"])], sandbox)
    assert summary["errors"] == []
    assert summary["solved"]["deepcoder"]["NONE"] == {
        "solved": 0,
        "total": 2,
        "rate": 0.0,
    }


def test_server_timeouts_become_errors(tmp_path, sandbox):
    config = ExperimentConfig(
        domains=("robustfill",), experiments=("NONE",), max_problems=1
    )
    summary, server = _run(
        tmp_path,
        config,
        [lambda b: ("sleep", 0.5, ["late"])],
        sandbox,
        timeout=0.1,
        max_retries=1,
    )
    assert len(server.requests) == 2
    assert len(summary["errors"]) == 1 and "Timeout" in summary["errors"][0]


def test_exedec_samples_replay_unless_distinct(tmp_path, sandbox):
    answers = iter(f"```python\nx1 = dsl.Sort(x0) # {i}\n```" for i in range(1000))

    def action(body):
        return ("ok", [next(answers) for _ in range(body["n"])])

    base = dict(
        prompt_format="exedec",
        domains=("deepcoder",),
        experiments=("NONE",),
        max_problems=1,
        num_samples=3,
        temperature=0.8,
    )
    summary, server = _run(tmp_path / "a", ExperimentConfig(**base), [action], sandbox)
    assert summary["backend_calls"] == 3  # attempts 2 and 3 replay attempt 1
    summary, server = _run(
        tmp_path / "b",
        ExperimentConfig(**base, distinct_attempts=True),
        [action],
        sandbox,
    )
    assert summary["backend_calls"] == 9


@pytest.mark.parametrize(
    "kwargs,match",
    [
        (dict(num_samples=2), "temperature 0.0 requires num_samples 1"),
        (dict(prompt_format="cot"), "'cot'"),
        (dict(model="bad name"), "model name"),
        (dict(domains=("karel",)), "'karel'"),
        (dict(experiments=("NOPE",)), "NOPE"),
        (dict(version_robustfill=2), None),
    ],
)
def test_config_validation(kwargs, match):
    if match is None:
        config = ExperimentConfig(**kwargs)  # Checked when the prompts are built.
        assert config.version("robustfill") == 2
        return
    with pytest.raises(ValueError, match=match):
        ExperimentConfig(**kwargs)
