"""The `exedec-tf` command line: thin subcommands over library functions."""

import argparse
import sys


def _demo(args) -> int:
    from exedec_tf import demo

    failed = demo.run_demo(data_dir=args.data_dir, cache_dir=args.cache_dir, show=args.show)
    return 1 if failed else 0


def _download(args) -> int:
    from exedec_tf.data import sources

    for family in args.families:
        path = sources.fetch_family(family, args.cache_dir)
        print(f"{family}: verified in {path}")
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
    demo.add_argument("--cache_dir", help="download cache (default: ~/.cache/exedec_tf)")
    demo.add_argument("--show", type=int, default=2, help="problems to print per domain")
    demo.set_defaults(func=_demo)

    download = sub.add_parser("download", help="download and verify the released data")
    download.add_argument(
        "--families", nargs="+", default=["test_data", "llm_data"],
        choices=["test_data", "llm_data"],
    )
    download.add_argument("--cache_dir", help="destination (default: ~/.cache/exedec_tf)")
    download.set_defaults(func=_download)
    return parser


def main(argv=None) -> int:
    """Entry point of the `exedec-tf` console script."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
