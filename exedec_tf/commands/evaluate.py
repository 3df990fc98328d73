"""`exedec-tf evaluate`: run ExeDec (or a baseline) over a split; merge shards."""

import argparse
import sys

from exedec_tf import domains
from exedec_tf.commands.preset_options import add_preset_argument


def add_model_arguments(parser) -> None:
    """The SavedModel path flags shared by `evaluate` and `synthesize`."""
    group = parser.add_argument_group(
        "models (ExeDec: --spec_decomposer and --synthesizer; or --joint; "
        "or --baseline)"
    )
    group.add_argument("--spec_decomposer", help="SpecDecomposer SavedModel folder")
    group.add_argument("--synthesizer", help="Synthesizer SavedModel folder")
    group.add_argument("--joint", help="joint (no-subgoal) model SavedModel folder")
    group.add_argument("--baseline", help="Transformer baseline SavedModel folder")
    add_preset_argument(parser)


def add_loop_arguments(parser) -> None:
    """The loop option flags shared by `evaluate` and `synthesize`."""
    parser.add_argument("--beam_size", type=int, default=10, help="K (default 10)")
    for name, text in (
        ("detect_invalid", "penalise and finish invalid beam elements"),
        ("use_execution", "run partial programs to derive the next spec"),
        ("discard_repeat_functionality", "drop elements with repeated traces"),
    ):
        parser.add_argument(
            f"--{name}",
            action=argparse.BooleanOptionalAction,
            default=True,
            help=f"{text} (default on)",
        )


def loop_options(args):
    """LoopOptions from parsed flags (argument errors become ValueError)."""
    from exedec_tf.synthesis.options import LoopOptions

    return LoopOptions(
        beam_size=args.beam_size,
        detect_invalid=args.detect_invalid,
        use_execution=args.use_execution,
        discard_repeat_functionality=args.discard_repeat_functionality,
    )


def model_paths(args, prepared=None):
    """ModelPaths from parsed flags, or those of a prepared `--preset`."""
    from exedec_tf.synthesis.loading import ModelPaths

    if prepared is not None:
        return prepared.model_paths()
    return ModelPaths(args.spec_decomposer, args.synthesizer, args.joint, args.baseline)


def _run(args) -> int:
    from exedec_tf.commands.preset_options import prepare_preset
    from exedec_tf.errors import ExeDecError
    from exedec_tf.evaluation import merge
    from exedec_tf.evaluation.api import evaluate_from_paths
    from exedec_tf.evaluation.results import ResultsError
    from exedec_tf.synthesis.loading import ModelLoadError

    try:
        if args.merge:
            summary = merge.merge_results(args.output_dir)
        else:
            prepared = prepare_preset(args)
            paths = model_paths(args, prepared)
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

                    released_file = released_test_file(
                        domain, prepared.preset.experiment
                    )
            if not (args.dataset_dir or released_file or args.data_dir):
                raise ValueError(
                    "give --dataset_dir, --data_dir (with --domain and "
                    "--experiment) or --released_file"
                )
            summary = evaluate_from_paths(
                args.output_dir,
                paths,
                dataset_dir=args.dataset_dir,
                split=args.split,
                released_file=released_file,
                domain=domain,
                data_dir=args.data_dir,
                experiment=args.experiment,
                config_name=args.config_name,
                options=loop_options(args),
                batch_size=args.batch_size,
                shard_index=args.shard_index,
                shard_count=args.shard_count,
                num_problems=args.num_problems,
                progress=not args.no_progress,
                models=models,
            )
    except (
        ValueError,
        FileNotFoundError,
        ModelLoadError,
        ResultsError,
        ExeDecError,
    ) as error:
        print(f"exedec-tf evaluate: error: {error}", file=sys.stderr)
        return 2
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
    add_model_arguments(parser)
    add_loop_arguments(parser)
    parser.add_argument(
        "--batch_size", type=int, default=1, help="problems advancing together"
    )
    parser.add_argument("--shard_index", type=int, default=0, help="this shard")
    parser.add_argument("--shard_count", type=int, default=1, help="number of shards")
    parser.add_argument("--no_progress", action="store_true", help="no progress bar")
    parser.set_defaults(func=_run)
