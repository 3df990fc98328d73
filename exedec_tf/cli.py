"""The `exedec-tf` command line: thin subcommands over library functions.

Each subcommand lives in its own module under `exedec_tf.commands`; add a new
one by writing the module and listing it in `COMMANDS`. Exit status: 0 on
success; 1 when a command ran but its answer is negative (no program found,
a problem failed to reproduce); 2 when it could not run as asked (bad
options, config or inputs), with one line `exedec-tf <command>: error: ...`.
"""

import argparse
import sys
from importlib import metadata

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
    train,
)
from exedec_tf.errors import ExeDecError

# Order here is the order of `exedec-tf --help`.
COMMANDS = (
    demo,
    reproduce,
    train,
    export,
    synthesize,
    serve,
    evaluate,
    pretrained,
    paper_table,
    download,
    convert_checkpoint,
    llm_experiment,
)
USAGE_ERROR = 2


def version() -> str:
    """The installed package version (`0+unknown` when not installed)."""
    try:
        return metadata.version("exedec-tf")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    """Returns the argument parser of the `exedec-tf` command."""
    parser = argparse.ArgumentParser(
        prog="exedec-tf", description="ExeDec program synthesis on TensorFlow."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv=None) -> int:
    """Entry point of the `exedec-tf` console script; returns the exit status.

    Library errors (`ExeDecError`) and file-system errors (a path that is
    missing or already taken) become one line on stderr and status 2;
    anything else is a bug and keeps its traceback.
    """
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ExeDecError, OSError) as error:
        print(f"exedec-tf {args.command}: error: {error}", file=sys.stderr)
        return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
