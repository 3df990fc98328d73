"""Few-shot LLM prompting experiments (baseline / ExeDec / ablation), spec/llm.md.

A shim over `exedec-tf llm-experiment`, with the same options (see
`exedec-tf llm-experiment --help` and README.md):

  python scripts/run_llm_experiment.py --help
"""

import sys

from exedec_tf import cli

if __name__ == "__main__":
    sys.exit(cli.main(["llm-experiment", *sys.argv[1:]]))
