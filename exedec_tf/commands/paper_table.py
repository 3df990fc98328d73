"""`exedec-tf paper-table`: the paper's results table by one command."""

import sys


def _csv(text):
    return None if text is None else [v.strip() for v in text.split(",") if v.strip()]


def _run(args) -> int:
    from exedec_tf.commands.preset_options import source_kwargs
    from exedec_tf.evaluation.results import ResultsError
    from exedec_tf.presets import PresetError
    from exedec_tf.presets.paper_table import paper_table
    from exedec_tf.synthesis.loading import ModelLoadError

    grid = {
        "experiments": _csv(args.experiments),
        "methods": _csv(args.methods),
        "seeds": _csv(args.seeds),
    }
    if not args.merge:
        grid.update(
            max_problems=args.max_problems,
            released_dir=args.released_dir,
            batch_size=args.batch_size,
            shard_index=args.shard_index,
            shard_count=args.shard_count,
            **source_kwargs(args),
        )
    try:
        paths = paper_table(args.output_dir, args.domain, merge=args.merge, **grid)
    except (ValueError, OSError, PresetError, ModelLoadError, ResultsError) as error:
        print(f"exedec-tf paper-table: error: {error}", file=sys.stderr)
        return 2
    if not paths:
        print(
            f"shard {args.shard_index} of {args.shard_count} done; when every "
            f"shard is, run with --merge --output_dir={args.output_dir}"
        )
        return 0
    print(paths["markdown"].read_text())
    for kind, path in paths.items():
        print(f"{kind}: {path}")
    return 0


def register(subparsers) -> None:
    from exedec_tf.commands.preset_options import add_source_arguments

    parser = subparsers.add_parser(
        "paper-table",
        help="evaluate the published checkpoints and write the paper's table",
        description="Evaluates every preset of the grid on its experiment's "
        "released test problems (beam 10 and the paper's loop options; the "
        "evaluate runner: resumable, shardable), then writes "
        "paper_table_<domain>.md/.csv/.png: mean over seeds with the 95%% "
        "confidence interval of the mean per experiment and method, the mean "
        "over the five generalization splits, and third-party figures beside ours.",
    )
    parser.add_argument("--domain", required=True, choices=["deepcoder", "robustfill"])
    parser.add_argument("--output_dir", required=True, help="runs and table folder")
    parser.add_argument(
        "--methods", help="comma-separated: exedec,ablation,baseline (default all)"
    )
    parser.add_argument(
        "--seeds", help="comma-separated of 10,20,30,40,50 (default all)"
    )
    parser.add_argument("--experiments", help="comma-separated (default all six)")
    parser.add_argument(
        "--max_problems",
        type=int,
        help="only the first n problems per run (a quick look)",
    )
    parser.add_argument(
        "--released_dir",
        help="folder holding test_data/<domain>/<EXPERIMENT>.jsonl (default: the "
        "released-data cache, downloaded if missing)",
    )
    parser.add_argument(
        "--batch_size", type=int, default=1, help="problems advancing together"
    )
    parser.add_argument("--shard_index", type=int, default=0)
    parser.add_argument("--shard_count", type=int, default=1)
    parser.add_argument(
        "--merge",
        action="store_true",
        help="only merge finished shards and write the table",
    )
    parser.add_argument("--no_progress", action="store_true", help="no progress bars")
    add_source_arguments(parser)
    parser.set_defaults(func=_run)
