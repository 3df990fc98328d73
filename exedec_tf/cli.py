"""The `exedec-tf` command line: thin subcommands over library functions."""

import argparse
import sys


def _demo(args) -> int:
    from exedec_tf import demo

    failed = demo.run_demo(
        data_dir=args.data_dir, cache_dir=args.cache_dir, show=args.show
    )
    return 1 if failed else 0


def _download(args) -> int:
    from exedec_tf.data import sources

    for family in args.families:
        path = sources.fetch_family(family, args.cache_dir)
        print(f"{family}: verified in {path}")
    return 0


def _convert_checkpoint(args) -> int:
    from exedec_tf.models import flax_checkpoint as fc

    try:
        checkpoint = fc.read_flax_checkpoint(args.checkpoint)
        model = fc.convert_checkpoint(checkpoint, args.config)
        out = fc.save_keras_weights(model, args.output)
    except (FileNotFoundError, ValueError) as error:
        # Mismatched configs and unreadable files are user errors: one line,
        # no traceback.
        print(f"exedec-tf convert-checkpoint: error: {error}", file=sys.stderr)
        return 1
    step = "none" if checkpoint.step is None else checkpoint.step
    print(
        f"converted {checkpoint.num_tensors} tensors "
        f"({checkpoint.num_parameters:,} parameters, step {step}) "
        f"into config {args.config}: {out}"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Returns the argument parser of the `exedec-tf` command."""
    parser = argparse.ArgumentParser(
        prog="exedec-tf", description="ExeDec program synthesis on TensorFlow."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="reproduce every released test problem")
    demo.add_argument(
        "--data_dir",
        help="folder holding test_data/ (default: download into the cache)",
    )
    demo.add_argument(
        "--cache_dir", help="download cache (default: ~/.cache/exedec_tf)"
    )
    demo.add_argument(
        "--show", type=int, default=2, help="problems to print per domain"
    )
    demo.set_defaults(func=_demo)

    download = sub.add_parser("download", help="download and verify the released data")
    download.add_argument(
        "--families",
        nargs="+",
        default=["test_data", "llm_data"],
        choices=["test_data", "llm_data"],
    )
    download.add_argument(
        "--cache_dir", help="destination (default: ~/.cache/exedec_tf)"
    )
    download.set_defaults(func=_download)

    convert = sub.add_parser(
        "convert-checkpoint",
        help="convert an original Flax checkpoint to Keras weights",
    )
    convert.add_argument(
        "--checkpoint",
        required=True,
        help="checkpoint_<step> file, or its directory (newest step)",
    )
    convert.add_argument(
        "--config",
        required=True,
        help="registered config the checkpoint was trained with, "
        "e.g. robustfill_synthesizer_paper",
    )
    convert.add_argument(
        "--output", required=True, help="Keras weights file (*.weights.h5)"
    )
    convert.set_defaults(func=_convert_checkpoint)
    return parser


def main(argv=None) -> int:
    """Entry point of the `exedec-tf` console script."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
