"""Evaluates ExeDec (or the no-subgoal / Transformer baselines) on a split.

A shim over `exedec-tf evaluate`, with the same options (see
`exedec-tf evaluate --help` and README.md):

  python scripts/evaluate.py --help
"""

import sys

from exedec_tf import cli

if __name__ == "__main__":
    sys.exit(cli.main(["evaluate", *sys.argv[1:]]))
