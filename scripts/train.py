"""Trains one ExeDec model on a prepared TFDS dataset (resumes a rerun).

A shim over `exedec-tf train`, with the same options (see
`exedec-tf train --help` and README.md):

  python scripts/train.py --help
"""

import sys

from exedec_tf import cli

if __name__ == "__main__":
    sys.exit(cli.main(["train", *sys.argv[1:]]))
