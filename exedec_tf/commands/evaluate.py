"""`exedec-tf evaluate`: run ExeDec (or a baseline) over a split; merge shards."""

from exedec_tf import domains
from exedec_tf.commands import options


def _run(args) -> int:
    from exedec_tf import stages
    from exedec_tf.commands.preset_options import prepare_preset
    from exedec_tf.evaluation import merge

    if args.merge:
        summary = merge.merge_results(args.output_dir)
    else:
        prepared = prepare_preset(args)
        paths = options.model_paths(args, prepared)
        domain, released_file = args.domain, args.released_file
        models = None
        if prepared is not None:
            domain = prepared.preset.domain
            # Recorded by preset and checksum, not cache path, so shards
            # run on machines with different caches still merge.
            paths, models = prepared.model_ids(), prepared.load_models()
            if not (args.dataset_dir or released_file or args.data_dir):
                # A preset's own experiment: its released test problems.
                from exedec_tf.presets.paper_table import released_test_file

                released_file = released_test_file(domain, prepared.preset.experiment)
        if not (args.dataset_dir or released_file or args.data_dir):
            raise options.UsageError(
                "give --dataset_dir, --data_dir (with --domain and --experiment) "
                "or --released_file"
            )
        summary = stages.evaluate(
            options.inference_from_args(args),
            paths,
            args.output_dir,
            dataset_dir=args.dataset_dir,
            split=args.split,
            released_file=released_file,
            domain=domain,
            data_dir=args.data_dir,
            experiment=args.experiment,
            config_name=args.config_name,
            shard_index=args.shard_index,
            shard_count=args.shard_count,
            num_problems=args.num_problems,
            progress=not args.no_progress,
            models=models,
        )
    totals = summary["totals"]
    print(
        f"solved {totals['num_solved']}/{totals['num_problems']} "
        f"({100 * totals['accuracy']:.2f}%), mean time per problem "
        f"{totals['mean_time_per_problem_s']:.3f} s; results in {args.output_dir}"
    )
    achievement = totals.get("subgoal_achievement")
    if achievement:
        print(
            f"predicted subgoals achieved by the best elements' program parts: "
            f"{100 * achievement['rate']:.2f}% of {achievement['num_subgoals']} "
            f"(step, example) pairs"
        )
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="evaluate ExeDec or a baseline on a split (sharded, resumable)",
        description="Runs the ExeDec loop (or the baseline) over a TFDS split "
        "and writes per-problem results (JSONL log + JSON summary) and "
        "TensorBoard scalars. Rerunning skips problems already done. "
        "With --merge, joins the shards' results into results.json.",
    )
    parser.add_argument("--output_dir", required=True, help="results folder")
    parser.add_argument(
        "--merge", action="store_true", help="only merge the shards in --output_dir"
    )
    data = parser.add_argument_group("problems")
    data.add_argument(
        "--dataset_dir",
        help="prepared TFDS version folder, e.g. "
        "~/tensorflow_datasets/exedec_robustfill/none/1.0.0",
    )
    data.add_argument(
        "--data_dir",
        help="or a TFDS data directory holding exedec_<domain>/<config>/<version> "
        "(with --domain and --experiment)",
    )
    data.add_argument("--experiment", help="experiment, e.g. COMPOSE_NEW_OP")
    data.add_argument(
        "--config_name",
        help="builder config in --data_dir (default: the experiment's paper "
        "config; for test_released any built scale)",
    )
    data.add_argument(
        "--split", default="test_released", help="TFDS split (default test_released)"
    )
    data.add_argument(
        "--released_file", help="a released test_data JSONL file instead of TFDS"
    )
    data.add_argument(
        "--domain",
        choices=domains.names(),
        help="domain (required with --released_file and --data_dir)",
    )
    data.add_argument(
        "--num_problems", type=int, help="only the first n problems (default all)"
    )
    options.add_model_arguments(parser)
    options.add_config_arguments(
        parser,
        required=False,
        help_text="registered config whose inference settings (beam size, loop "
        "options) are the defaults of the loop flags",
    )
    options.add_loop_arguments(parser, with_batch=True)
    parser.add_argument("--shard_index", type=int, default=0, help="this shard")
    parser.add_argument("--shard_count", type=int, default=1, help="number of shards")
    parser.add_argument("--no_progress", action="store_true", help="no progress bar")
    parser.set_defaults(func=_run)
