"""Few-shot LLM prompting experiments (baseline / ExeDec / ablation), spec/llm.md.

Example with a local vLLM server (see README, "LLM experiments"):
  vllm serve Qwen/Qwen2.5-Coder-7B --port 8000
  python scripts/run_llm_experiment.py --model=Qwen/Qwen2.5-Coder-7B \
    --base_url=http://localhost:8000/v1 --prompt_format=exedec \
    --version_deepcoder=4 --splits=NONE,COMPOSE_NEW_OP

Rerunning the same command resumes: finished problems are kept in
<results_dir>/<run>.progress.jsonl and model answers in <cache_dir>.
The flags are those of `exedec-tf llm-experiment` (see --help there).
"""

import sys
import types

from absl import app, flags

from exedec_tf.commands import llm_experiment
from exedec_tf.experiments import ALL_EXPERIMENTS

_ALL = [e.name for e in ALL_EXPERIMENTS]

flags.DEFINE_enum(
    "prompt_format", "baseline", ["baseline", "exedec", "exedec_ablation"],
    "Direct prompting, ExeDec step by step, or ExeDec without subgoals.",
)  # fmt: skip
flags.DEFINE_list("domains", ["deepcoder", "robustfill"], "Domains to run.")
flags.DEFINE_list("splits", _ALL, "Generalization splits to run.")
flags.DEFINE_integer("num_samples", 1, "Samples per problem (any-of-n success).")
flags.DEFINE_float("temperature", 0.0, "Sampling temperature (0.0: num_samples=1).")
flags.DEFINE_integer("version_deepcoder", 1, "DeepCoder rendering 1-5 (paper: 1, 4).")
flags.DEFINE_integer("version_robustfill", 1, "RobustFill rendering (only 1).")
flags.DEFINE_integer("num_workers", 8, "Problems solved concurrently.")
flags.DEFINE_integer("max_problems", None, "Only the first N problems per split.")
flags.DEFINE_bool("distinct_attempts", False, "ExeDec attempts use distinct samples.")
flags.DEFINE_enum(
    "backend", "openai", ["openai", "callable", "oracle"],
    "OpenAI-compatible server, a Python function, or the ground truth.",
)  # fmt: skip
flags.DEFINE_string("model", None, "Model name (default: $EXEDEC_LLM_MODEL).")
flags.DEFINE_string("base_url", None, "API root (default: $OPENAI_BASE_URL).")
flags.DEFINE_string("api_key", None, "API key (default: $OPENAI_API_KEY).")
flags.DEFINE_enum("endpoint", "completions", ["completions", "chat"], "API endpoint.")
flags.DEFINE_string("query_fn", None, "module:function for --backend=callable.")
flags.DEFINE_float("request_timeout", 120.0, "Seconds per HTTP request.")
flags.DEFINE_integer("max_retries", 5, "Retries of transient HTTP failures.")
flags.DEFINE_integer("max_concurrency", 8, "HTTP requests in flight.")
flags.DEFINE_integer("max_n_per_request", None, "Split n (1 if the server ignores n).")
flags.DEFINE_enum(
    "data_source", "download", ["download", "dir", "tfds"],
    "Official files (downloaded, verified), a directory, or the TFDS llm split.",
)  # fmt: skip
flags.DEFINE_string("data_dir", None, "dir: <domain>/<SPLIT>.jsonl; tfds: data dir.")
flags.DEFINE_string("results_dir", "~/exedec_results", "Results directory.")
flags.DEFINE_string("cache_dir", "~/llm_cache", "LLM sample cache directory.")
flags.DEFINE_bool("no_progress", False, "Hide progress bars.")
flags.DEFINE_float("exec_time_limit", 5.0, "Sandbox seconds per program run.")
flags.DEFINE_integer("exec_memory_mb", 1024, "Sandbox address space per run (MiB).")
flags.DEFINE_bool(
    "protect_parent", True, "Make this process non-dumpable (no /proc memory reads)."
)


def main(argv):
    del argv
    options = types.SimpleNamespace(**flags.FLAGS.flag_values_dict())
    sys.exit(llm_experiment.run(options))


if __name__ == "__main__":
    app.run(main)
