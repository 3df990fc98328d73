"""Measures a preset (or exported models) on released test problems; model card.

Evaluates one method at beam 10 with the paper's loop options over the
released test problems of each experiment (default all six of the domain),
or only the first --num_problems of each; resumable (a rerun skips finished
problems). Writes <output_dir>/measurement.json and, with --model_card, the
tables between the card's `<!-- measured:begin -->` / `<!-- measured:end -->`
markers (other methods' summaries join them with --with_summary).

  python scripts/measure_preset.py --preset=robustfill_none_exedec_small \
      --output_dir=/tmp/measure/exedec --experiments=NONE --num_problems=100
  python scripts/measure_preset.py --domain=robustfill \
      --spec_decomposer=DIR --synthesizer=DIR --output_dir=/tmp/measure/exedec
  python scripts/measure_preset.py --card_only --model_card=MODEL_CARD.md \
      --with_summary=/tmp/measure/exedec --with_summary=/tmp/measure/ablation
"""

import argparse
import pathlib
import sys

_SHARED_DATA = (
    pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "exedec_data"
)


def default_data_dir() -> str | None:
    """`../shared/exedec_data` next to the checkout when it holds test_data."""
    return str(_SHARED_DATA) if (_SHARED_DATA / "test_data").is_dir() else None


def parse_args(argv):
    """The command line (see --help)."""
    from exedec_tf.commands.preset_options import add_source_arguments

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    models = parser.add_argument_group(
        "models (--preset, or --spec_decomposer and --synthesizer, or --joint)"
    )
    models.add_argument("--preset", help="e.g. robustfill_none_exedec_small")
    models.add_argument("--spec_decomposer", help="exported SavedModel folder")
    models.add_argument("--synthesizer", help="exported SavedModel folder")
    models.add_argument("--joint", help="exported joint (ablation) SavedModel folder")
    models.add_argument("--domain", choices=["deepcoder", "robustfill"])
    parser.add_argument(
        "--method", help="table label (default: exedec or ablation, by the models)"
    )
    parser.add_argument("--output_dir", help="measurement folder (one per method)")
    parser.add_argument("--experiments", help="comma-separated (default: all six)")
    parser.add_argument(
        "--num_problems", type=int, help="only the first n problems of each experiment"
    )
    parser.add_argument(
        "--data_dir",
        default=default_data_dir(),
        help="folder holding test_data/<domain>/<EXPERIMENT>.jsonl (default: "
        "../shared/exedec_data when present, else the released-data cache)",
    )
    parser.add_argument("--beam_size", type=int, default=10)
    parser.add_argument("--batch_size", type=int, default=1)
    parser.add_argument("--shard_index", type=int, default=0)
    parser.add_argument("--shard_count", type=int, default=1)
    parser.add_argument(
        "--model_card", help="MODEL_CARD.md whose marked part to update"
    )
    parser.add_argument(
        "--with_summary",
        action="append",
        default=[],
        help="another method's measurement.json (or folder) for the card (repeatable)",
    )
    parser.add_argument(
        "--card_only",
        action="store_true",
        help="measure nothing: write the card from --with_summary",
    )
    parser.add_argument("--no_progress", action="store_true")
    add_source_arguments(parser)
    return parser.parse_args(argv)


def _method(args):
    from exedec_tf.commands.options import UsageError
    from exedec_tf.presets.measure import MeasuredMethod
    from exedec_tf.synthesis.loading import ModelPaths

    dirs = {
        k: str(pathlib.Path(v).resolve()) if v else None
        for k, v in (
            ("spec_decomposer", args.spec_decomposer),
            ("synthesizer", args.synthesizer),
            ("joint", args.joint),
        )
    }
    if args.preset and any(dirs.values()):
        raise UsageError("give --preset or model folders, not both")
    if args.preset:
        return None
    if args.domain is None:
        raise UsageError("model folders need --domain")
    paths = ModelPaths(**dirs)
    paths.method  # noqa: B018 (names the bad combination)
    return MeasuredMethod(args.domain, paths, label=args.method)


def run(args) -> int:
    """Measures (unless --card_only) and updates the card; returns the status."""
    from exedec_tf.commands.options import UsageError
    from exedec_tf.commands.preset_options import source_kwargs
    from exedec_tf.presets import measure, model_card

    summaries = [measure.load_summary(p) for p in args.with_summary]
    if not args.card_only:
        if not args.output_dir:
            raise UsageError("--output_dir is required unless --card_only")
        kwargs = dict(
            experiments=args.experiments.split(",") if args.experiments else None,
            num_problems=args.num_problems,
            released_dir=args.data_dir,
            beam_size=args.beam_size,
            batch_size=args.batch_size,
            shard_index=args.shard_index,
            shard_count=args.shard_count,
            progress=not args.no_progress,
        )
        method = _method(args)
        if method is None:
            summary = measure.measure_preset(
                args.output_dir,
                args.preset,
                label=args.method,
                source=source_kwargs(args),
                **kwargs,
            )
        else:
            summary = measure.measure(args.output_dir, method, **kwargs)
        for name, figures in summary["experiments"].items():
            print(
                f"{summary['label']} {name}: {figures['num_solved']}/"
                f"{figures['num_evaluated']} solved ({100 * figures['accuracy']:.1f}%; "
                f"{figures['num_released']} released), mean "
                f"{figures['mean_time_s'] or 0:.2f} s/problem (median "
                f"{figures['median_time_s'] or 0:.2f})"
            )
        print(f"summary: {pathlib.Path(args.output_dir) / measure.SUMMARY_NAME}")
        summaries.insert(0, summary)
    elif not summaries:
        raise UsageError("--card_only needs --with_summary")
    if args.model_card:
        model_card.update_model_card(args.model_card, summaries)
        print(f"updated {args.model_card}")
    else:
        print(model_card.measured_section(summaries))
    return 0


def main(argv=None) -> int:
    """Entry point: errors are one line naming the bad value, status 2."""
    from exedec_tf.errors import ExeDecError

    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run(args)
    except (ExeDecError, OSError) as error:
        print(f"measure_preset: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
