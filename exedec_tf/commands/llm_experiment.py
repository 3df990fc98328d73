"""`exedec-tf llm-experiment`: few-shot LLM prompting experiments (spec/llm.md)."""

from exedec_tf import domains
from exedec_tf.experiments import ALL_EXPERIMENTS

_EXPERIMENTS = [e.name for e in ALL_EXPERIMENTS]


def run(args) -> int:
    """Runs an experiment from parsed options (argparse or absl); returns 0 or 1."""
    from exedec_tf.llm import factory, runner
    from exedec_tf.llm.sandbox import Sandbox

    backend, model = factory.make_backend(
        args.backend,
        model=args.model,
        base_url=args.base_url,
        api_key=args.api_key,
        endpoint=args.endpoint,
        query_fn=args.query_fn,
        timeout=args.request_timeout,
        max_retries=args.max_retries,
        max_concurrency=args.max_concurrency,
        max_n_per_request=args.max_n_per_request,
    )
    config = runner.ExperimentConfig(
        prompt_format=args.prompt_format,
        model=model,
        domains=tuple(args.domains),
        experiments=tuple(args.splits),
        num_samples=args.num_samples,
        temperature=args.temperature,
        version_deepcoder=args.version_deepcoder,
        version_robustfill=args.version_robustfill,
        num_workers=args.num_workers,
        max_problems=args.max_problems,
        distinct_attempts=args.distinct_attempts,
    )
    loader = factory.make_loader(args.data_source, args.data_dir)
    with Sandbox(
        time_limit=args.exec_time_limit,
        memory_limit=args.exec_memory_mb << 20,
        num_workers=args.num_workers,
        protect_parent=args.protect_parent,
    ) as sandbox:
        summary = runner.run_experiment(
            config,
            backend,
            loader,
            args.results_dir,
            args.cache_dir,
            sandbox=sandbox,
            progress_bar=not args.no_progress,
        )
    print(runner.format_summary(summary))
    print(f"results in {args.results_dir}/{config.run_name()}.json")
    return 1 if summary["errors"] else 0


def add_arguments(parser) -> None:
    """Adds the experiment's options to an argparse parser."""
    exp = parser.add_argument_group("experiment")
    exp.add_argument(
        "--prompt_format",
        default="baseline",
        choices=["baseline", "exedec", "exedec_ablation"],
        help="direct prompting, ExeDec step by step, or ExeDec without subgoals",
    )
    exp.add_argument(
        "--domains", nargs="+", default=list(domains.names()),
        choices=domains.names(),
    )  # fmt: skip
    exp.add_argument(
        "--splits", nargs="+", default=_EXPERIMENTS, choices=_EXPERIMENTS,
        help="generalization splits (default: all six)",
    )  # fmt: skip
    exp.add_argument("--num_samples", type=int, default=1, help="samples per problem")
    exp.add_argument(
        "--temperature", type=float, default=0.0, help="0.0 needs --num_samples=1"
    )
    exp.add_argument(
        "--version_deepcoder", type=int, default=1, choices=[1, 2, 3, 4, 5],
        help="DeepCoder rendering (paper: 1 and 4 = Pythonic)",
    )  # fmt: skip
    exp.add_argument("--version_robustfill", type=int, default=1, choices=[1])
    exp.add_argument(
        "--num_workers", type=int, default=8, help="problems solved concurrently"
    )
    exp.add_argument(
        "--max_problems", type=int, default=None, help="first N problems per split"
    )
    exp.add_argument(
        "--distinct_attempts",
        action="store_true",
        help="ExeDec attempts use distinct samples (the original replays attempt 1)",
    )
    model = parser.add_argument_group("model")
    model.add_argument(
        "--backend", default="openai", choices=["openai", "callable", "oracle"],
        help="OpenAI-compatible server, a Python function, or the ground truth",
    )  # fmt: skip
    model.add_argument("--model", help="model name (default: $EXEDEC_LLM_MODEL)")
    model.add_argument(
        "--base_url", help="API root, e.g. http://localhost:8000/v1 "
        "(default: $OPENAI_BASE_URL or that)",
    )  # fmt: skip
    model.add_argument("--api_key", help="default: $OPENAI_API_KEY (optional)")
    model.add_argument(
        "--endpoint", default="completions", choices=["completions", "chat"]
    )
    model.add_argument("--query_fn", help="module:function for --backend=callable")
    model.add_argument("--request_timeout", type=float, default=120.0)
    model.add_argument("--max_retries", type=int, default=5)
    model.add_argument(
        "--max_concurrency", type=int, default=8, help="HTTP requests in flight"
    )
    model.add_argument(
        "--max_n_per_request", type=int, default=None,
        help="split n (1 for servers that ignore n)",
    )  # fmt: skip
    io = parser.add_argument_group("data and files")
    io.add_argument(
        "--data_source", default="download", choices=["download", "dir", "tfds"],
        help="official files (downloaded, verified), a directory, or TFDS `llm`",
    )  # fmt: skip
    io.add_argument(
        "--data_dir", help="dir: holds <domain>/<SPLIT>.jsonl; tfds: TFDS data dir"
    )
    io.add_argument("--results_dir", default="~/exedec_results")
    io.add_argument("--cache_dir", default="~/llm_cache")
    io.add_argument("--no_progress", action="store_true", help="no progress bars")
    sandbox = parser.add_argument_group("sandbox")
    sandbox.add_argument(
        "--exec_time_limit", type=float, default=5.0, help="seconds per program run"
    )
    sandbox.add_argument(
        "--exec_memory_mb", type=int, default=1024, help="address space per run"
    )
    sandbox.add_argument(
        "--no_protect_parent",
        dest="protect_parent",
        action="store_false",
        help="keep this process dumpable (by default it is made non-dumpable so "
        "programs cannot read its memory through /proc; that also disables core "
        "dumps and debuggers)",
    )


def register(subparsers) -> None:
    """Adds the `llm-experiment` subcommand."""
    parser = subparsers.add_parser(
        "llm-experiment",
        help="few-shot LLM prompting (baseline / ExeDec) on the released problems",
    )
    add_arguments(parser)
    parser.set_defaults(func=run)
