"""The `exedec-tf` command line: thin subcommands over library functions.

Each subcommand lives in its own module under `exedec_tf.commands`; add a new
one by writing the module and listing it in `COMMANDS`.
"""

import argparse
import sys

from exedec_tf.commands import (
    convert_checkpoint,
    demo,
    download,
    evaluate,
    export,
    llm_experiment,
    paper_table,
    pretrained,
    reproduce,
    serve,
    synthesize,
)

# Order here is the order of `exedec-tf --help`.
COMMANDS = (
    demo,
    reproduce,
    synthesize,
    serve,
    evaluate,
    pretrained,
    paper_table,
    download,
    convert_checkpoint,
    export,
    llm_experiment,
)


def build_parser() -> argparse.ArgumentParser:
    """Returns the argument parser of the `exedec-tf` command."""
    parser = argparse.ArgumentParser(
        prog="exedec-tf", description="ExeDec program synthesis on TensorFlow."
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv=None) -> int:
    """Entry point of the `exedec-tf` console script."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
