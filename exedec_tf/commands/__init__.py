"""Subcommands of the `exedec-tf` command line, one module each.

Every command module defines `register(subparsers)`, which adds its parser
and sets `func` to a function taking the parsed arguments and returning the
exit status; it raises `ExeDecError` (or `OSError`) for what it cannot do,
and `exedec_tf.cli.main` reports that as one line with status 2. Options
used by several commands are defined once, in `options`. `exedec_tf.cli`
lists the modules in `COMMANDS`; heavy imports stay inside the command
functions so that `exedec-tf --help` is fast.
"""
