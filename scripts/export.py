"""Exports a trained model as a SavedModel with encode / beam_search signatures.

A shim over `exedec-tf export`, with the same options (see
`exedec-tf export --help` and README.md):

  python scripts/export.py --help
"""

import sys

from exedec_tf import cli

if __name__ == "__main__":
    sys.exit(cli.main(["export", *sys.argv[1:]]))
