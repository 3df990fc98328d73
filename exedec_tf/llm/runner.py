"""Running a whole LLM experiment: every problem of the chosen domains and splits.

`run_experiment` solves the problems on a thread pool (model calls through
the cache, model code in the sandbox), appends each finished record to a
progress file so an interrupted run resumes where it stopped, and finally
writes:

* `<results_dir>/<name>.json`: `{domain: {EXPERIMENT: [record, ...]}}`, the
  original's schema (records sorted by index);
* `<results_dir>/<name>.summary.json`: the configuration, solved counts per
  domain and split, and backend/sandbox/cache statistics;

where `<name>` is the original's
`<format>_<model>_<n>-samples_<t>-temperature_deepcoder-v<k>_robustfill-v<k>`.
"""

import concurrent.futures
import dataclasses
import json
import os
import pathlib
import threading
from collections.abc import Callable

import tqdm

from exedec_tf.experiments import ALL_EXPERIMENTS, parse_experiment
from exedec_tf.llm import adapters, oracle, prompts, solve
from exedec_tf.llm.cache import LLMCache, cache_model_name
from exedec_tf.llm.problem import DOMAINS, check_domain
from exedec_tf.llm.sandbox import Sandbox

EXPERIMENT_NAMES = tuple(e.name for e in ALL_EXPERIMENTS)


@dataclasses.dataclass(frozen=True)
class ExperimentConfig:
    """What to run.

    Attributes:
      prompt_format: "baseline", "exedec" or "exedec_ablation".
      model: model name sent to the backend; its last `/` component names
        the cache and results files.
      domains: domains to run, in order.
      experiments: generalization splits to run (EXPERIMENT names), in order.
      num_samples: samples per problem (success = any of them).
      temperature: sampling temperature; 0.0 requires num_samples 1.
      version_deepcoder: DeepCoder prompt version 1-5 (paper: 1 and 4).
      version_robustfill: RobustFill prompt version (only 1).
      num_workers: problems solved concurrently.
      max_problems: solve only the first k problems of each file (None: all).
      distinct_attempts: ExeDec attempts use distinct samples (the original
        replays attempt 1; see `solve.solve_exedec`).
    """

    prompt_format: str = "baseline"
    model: str = "oracle-model"
    domains: tuple[str, ...] = DOMAINS
    experiments: tuple[str, ...] = EXPERIMENT_NAMES
    num_samples: int = 1
    temperature: float = 0.0
    version_deepcoder: int = 1
    version_robustfill: int = 1
    num_workers: int = 8
    max_problems: int | None = None
    distinct_attempts: bool = False

    def __post_init__(self):
        prompts.check_format(self.prompt_format)
        cache_model_name(self.model)
        for domain in self.domains:
            check_domain(domain)
        object.__setattr__(
            self,
            "experiments",
            tuple(parse_experiment(e).name for e in self.experiments),
        )
        if not isinstance(self.num_samples, int) or self.num_samples < 1:
            raise ValueError(f"num_samples must be >= 1, got {self.num_samples!r}")
        if self.temperature < 0:
            raise ValueError(f"temperature must be >= 0, got {self.temperature!r}")
        if self.temperature == 0.0 and self.num_samples != 1:
            raise ValueError(
                f"temperature 0.0 requires num_samples 1, got {self.num_samples}"
            )
        if self.num_workers < 1:
            raise ValueError(f"num_workers must be >= 1, got {self.num_workers!r}")
        if self.max_problems is not None and self.max_problems < 1:
            raise ValueError(f"max_problems must be >= 1, got {self.max_problems!r}")

    def version(self, domain: str) -> int:
        """The prompt version used for `domain`."""
        check_domain(domain)
        # One `version_<domain>` field per domain (the original's flag names).
        return getattr(self, f"version_{domain}")

    def run_name(self) -> str:
        """The original's results file stem (plus a tag for distinct attempts)."""
        return (
            f"{self.prompt_format}_{cache_model_name(self.model)}_{self.num_samples}"
            f"-samples_{float(self.temperature)}-temperature_deepcoder-v"
            f"{self.version_deepcoder}_robustfill-v{self.version_robustfill}"
            + ("_distinct-attempts" if self.distinct_attempts else "")
        )


# (domain, experiment, version) -> rows; see `exedec_tf.llm.data`.
RowLoader = Callable[[str, str, int], list]


class _Progress:
    """The append-only progress file: one finished record per line."""

    def __init__(self, path: pathlib.Path):
        self.path = path
        self._lock = threading.Lock()
        self.records: dict[tuple[str, str], dict[int, dict]] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    item = json.loads(line)
                except json.JSONDecodeError:
                    continue  # A torn last line from a killed run.
                group = (item["domain"], item["experiment"])
                self.records.setdefault(group, {})[item["record"]["index"]] = item[
                    "record"
                ]

    def add(self, domain: str, experiment: str, record: dict) -> None:
        line = json.dumps(
            {"domain": domain, "experiment": experiment, "record": record}
        )
        with self._lock:
            with self.path.open("a", encoding="utf-8") as f:
                f.write(line + "\n")
            self.records.setdefault((domain, experiment), {})[record["index"]] = record


def _write_json_atomic(path: pathlib.Path, data) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(data, f)
    os.replace(tmp, path)


def _solve_row(config, domain, row, sample, sandbox) -> dict:
    index, few_shots, test = row
    kwargs = dict(
        index=index,
        few_shots=few_shots,
        test_problem=test,
        domain=domain,
        version=config.version(domain),
        sample=sample,
        num_samples=config.num_samples,
        execute=sandbox.executor(domain),
    )
    if config.prompt_format == "baseline":
        return solve.solve_baseline(**kwargs)
    return solve.solve_exedec(
        ablation=config.prompt_format == "exedec_ablation",
        distinct_attempts=config.distinct_attempts,
        **kwargs,
    )


def run_experiment(
    config: ExperimentConfig,
    backend: Callable,
    load_rows: RowLoader,
    results_dir,
    cache_dir,
    sandbox: Sandbox | None = None,
    progress_bar: bool = True,
) -> dict:
    """Runs every (domain, experiment) of `config`; returns the summary dict.

    Args:
      config: the experiment settings.
      backend: `backend(prompt, n, temperature, model, max_tokens)`; an
        `oracle.OracleLLM` is given the ground truth of each loaded file.
      load_rows: `(domain, experiment, version) -> rows` (see `data.py`).
      results_dir: where results, summary and progress files go (created).
      cache_dir: the sample cache directory (created).
      sandbox: executes model code (default: a new one with
        `config.num_workers` workers, closed at the end).
      progress_bar: show tqdm bars.

    Problems whose backend call fails (after the backend's retries) are
    counted in `summary["errors"]` and left unrecorded; run again to retry
    them. The results JSON is written only when nothing is missing.
    """
    results_dir = pathlib.Path(results_dir).expanduser()
    results_dir.mkdir(parents=True, exist_ok=True)
    name = config.run_name()
    progress = _Progress(results_dir / f"{name}.progress.jsonl")
    cache = LLMCache(cache_dir, config.model)
    own_sandbox = sandbox is None
    sandbox = sandbox or Sandbox(num_workers=config.num_workers)
    errors: list[str] = []
    try:
        for domain in config.domains:
            max_tokens = adapters.get(domain).max_tokens[config.prompt_format]

            def sample(prompt, n, max_tokens=max_tokens):
                return cache.query(
                    backend,
                    prompt,
                    n,
                    config.temperature,
                    model=config.model,
                    max_tokens=max_tokens,
                )

            for experiment in config.experiments:
                rows = load_rows(domain, experiment, config.version(domain))
                rows = rows[: config.max_problems] if config.max_problems else rows
                if isinstance(backend, oracle.OracleLLM):
                    backend.add_texts(
                        oracle.complete_text(
                            config.prompt_format, domain, config.version(domain), s, t
                        )
                        for _, s, t in rows
                    )
                done = progress.records.get((domain, experiment), {})
                pending = [row for row in rows if row[0] not in done]
                _run_group(
                    config, domain, experiment, pending, len(rows), sample,
                    sandbox, progress, errors, progress_bar,
                )  # fmt: skip
        summary = _summary(config, progress, errors, backend, sandbox, cache)
    finally:
        if own_sandbox:
            sandbox.close()
    _write_json_atomic(results_dir / f"{name}.summary.json", summary)
    if not errors:
        results = {
            domain: {
                exp: [recs[i] for i in sorted(recs)]
                for (d, exp), recs in progress.records.items()
                if d == domain
            }
            for domain in DOMAINS
            if any(d == domain for d, _ in progress.records)
        }
        _write_json_atomic(results_dir / f"{name}.json", results)
    return summary


def _run_group(
    config, domain, experiment, pending, total, sample, sandbox, progress, errors, bar
):
    done_before = total - len(pending)
    solved = sum(
        r["success"] for r in progress.records.get((domain, experiment), {}).values()
    )
    counts = {"solved": solved, "done": done_before}
    with (
        tqdm.tqdm(
            total=total,
            initial=done_before,
            desc=f"{domain} {experiment}",
            disable=not bar,
        ) as pbar,
        concurrent.futures.ThreadPoolExecutor(config.num_workers) as pool,
    ):
        futures = {
            pool.submit(_solve_row, config, domain, row, sample, sandbox): row[0]
            for row in pending
        }
        for future in concurrent.futures.as_completed(futures):
            try:
                record = future.result()
            except Exception as e:  # noqa: BLE001 - keep going, report at the end.
                errors.append(f"{domain} {experiment} #{futures[future]}: {e}")
                continue
            progress.add(domain, experiment, record)
            counts["done"] += 1
            counts["solved"] += int(record["success"])
            pbar.update()
            pbar.set_postfix(
                pass_cnt=counts["solved"],
                pass_rate=f"{counts['solved'] / counts['done']:.3f}",
            )


def format_summary(summary: dict) -> str:
    """A short text table of solved counts (what the original printed)."""
    lines = []
    for domain, groups in summary["solved"].items():
        for experiment, counts in groups.items():
            lines.append(
                f"{domain:10s} {experiment:27s} solved {counts['solved']:4d} / "
                f"{counts['total']:4d} ({counts['rate']:.3f})"
            )
    if summary["errors"]:
        lines.append(f"{len(summary['errors'])} problem(s) failed; rerun to retry:")
        lines.extend(f"  {e}" for e in summary["errors"][:10])
    return "\n".join(lines)


def _summary(config, progress, errors, backend, sandbox, cache) -> dict:
    groups = {}
    for (domain, experiment), records in sorted(progress.records.items()):
        solved = sum(r["success"] for r in records.values())
        groups.setdefault(domain, {})[experiment] = {
            "solved": solved,
            "total": len(records),
            "rate": solved / len(records) if records else 0.0,
        }
    return {
        "config": dataclasses.asdict(config),
        "solved": groups,
        "errors": errors,
        "backend_calls": cache.calls,
        "backend_requests": getattr(backend, "requests_sent", None),
        "backend_retries": getattr(backend, "retries", None),
        "sandbox": {"protections": sandbox.protections(), "calls": dict(sandbox.stats)},
    }
