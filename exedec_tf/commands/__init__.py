"""Subcommands of the `exedec-tf` command line, one module each.

Every module here defines `register(subparsers)`, which adds its parser and
sets `func` to a function taking the parsed arguments and returning the exit
status. `exedec_tf.cli` lists the modules in `COMMANDS`; heavy imports stay
inside the command functions so that `exedec-tf --help` is fast.
"""
