"""The `exedec-tf` command line: thin subcommands over library functions.

Each subcommand lives in its own module under `exedec_tf.commands`; add a new
one by writing the module and listing it in `COMMANDS`. Exit status: 0 on
success; 1 when a command ran but its answer is negative (no program found,
a problem failed to reproduce); 2 when it could not run as asked (bad
options, config or inputs), with one line `exedec-tf <command>: error: ...`.

Quiet and fast: the command line and the config registry import without
TensorFlow, so `--help`, `--version` and usage errors (bad options, an
unknown config name, a bad `--set`) answer in a fraction of a second; a
command imports TensorFlow only when it runs, and unless `--verbose` its C++
log lines (oneDNN, CUDA, CPU-instruction notices, absl's pre-init warning)
are dropped: they are written while TensorFlow loads and initializes its
devices, which happens with stderr sent to /dev/null.
"""

import argparse
import contextlib
import importlib.abc
import importlib.util
import os
import sys
from importlib import metadata

from exedec_tf.commands import (
    checkpoint_options,
    convert_checkpoint,
    demo,
    download,
    evaluate,
    export,
    llm_experiment,
    options,
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
# Set (unless already set) before TensorFlow is imported, without --verbose.
QUIET_ENVIRONMENT = {
    "TF_CPP_MIN_LOG_LEVEL": "3",  # C++ logs once absl logging is initialized
    "GRPC_VERBOSITY": "ERROR",
    "GLOG_minloglevel": "3",
}


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
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="keep TensorFlow's C++ log lines (dropped by default)",
    )
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
        if not args.verbose:
            quiet_tensorflow()
        check_config(args)
        return args.func(args)
    except (ExeDecError, OSError) as error:
        print(f"exedec-tf {args.command}: error: {error}", file=sys.stderr)
        return USAGE_ERROR


def check_config(args) -> None:
    """Resolves the command's named config and `--set` overrides, if any.

    Run before the command, which imports TensorFlow, so that a bad name or
    field is reported at once; the command resolves them again (cheaply).
    Checkpoint commands (`--config_json`) apply their own rules first.

    Raises:
      ConfigError: an unknown name or field, or contradicting options.
    """
    if hasattr(args, "config_json"):
        config = checkpoint_options.explicit_config(args)
        if config is not None:
            options.apply_overrides(config, args)
    elif getattr(args, "config", None):
        options.config_from_args(args)


@contextlib.contextmanager
def _stderr_to_devnull():
    """Sends file descriptor 2 (C++ writes there too) to /dev/null."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


class _QuietTensorFlowLoader(importlib.abc.MetaPathFinder):
    """Loads `tensorflow`, whenever it is first imported, with stderr silenced.

    Its device initialization (where CUDA is probed) runs in the same
    window; what TensorFlow logs later obeys TF_CPP_MIN_LOG_LEVEL.
    """

    def find_spec(self, fullname, path=None, target=None):
        """The spec of `tensorflow` with a silenced loader; None otherwise."""
        if fullname != "tensorflow":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def quiet_exec_module(module):
            with _stderr_to_devnull():
                exec_module(module)
                module.config.list_physical_devices()

        spec.loader.exec_module = quiet_exec_module
        return spec


def quiet_tensorflow() -> None:
    """Drops TensorFlow's C++ log lines from this process (see the module doc)."""
    for name, value in QUIET_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    if "tensorflow" in sys.modules or any(
        isinstance(finder, _QuietTensorFlowLoader) for finder in sys.meta_path
    ):
        return
    sys.meta_path.insert(0, _QuietTensorFlowLoader())


if __name__ == "__main__":
    sys.exit(main())
