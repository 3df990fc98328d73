"""Evaluates ExeDec (or the no-subgoal / Transformer baselines) on a split.

Example (one of 4 shards, then the merge):
  python scripts/evaluate.py \
    --dataset_dir=~/tensorflow_datasets/exedec_robustfill/none/1.0.0 \
    --spec_decomposer=/models/rf_spec --synthesizer=/models/rf_synth \
    --output_dir=/tmp/eval_rf_none --shard_index=0 --shard_count=4
  python scripts/evaluate.py --output_dir=/tmp/eval_rf_none --merge

Rerunning a shard skips the problems already in its results log.
`exedec-tf evaluate` is the same with argparse flags.
"""

from absl import app, flags

from exedec_tf.evaluation import merge
from exedec_tf.evaluation.api import evaluate_from_paths
from exedec_tf.synthesis.loading import ModelLoadError, ModelPaths
from exedec_tf.synthesis.options import LoopOptions

_OUTPUT_DIR = flags.DEFINE_string("output_dir", None, "Results folder.", required=True)
_MERGE = flags.DEFINE_bool("merge", False, "Only merge the shards in --output_dir.")
_DATASET_DIR = flags.DEFINE_string(
    "dataset_dir", None, "Prepared TFDS version folder (…/<config>/<version>)."
)
_DATA_DIR = flags.DEFINE_string(
    "data_dir", None, "Or a TFDS data dir (with --domain and --experiment)."
)
_EXPERIMENT = flags.DEFINE_string("experiment", None, "Experiment, e.g. NONE.")
_CONFIG_NAME = flags.DEFINE_string(
    "config_name", None, "Builder config in --data_dir (default: the experiment's)."
)
_SPLIT = flags.DEFINE_string("split", "test_released", "TFDS split.")
_RELEASED_FILE = flags.DEFINE_string(
    "released_file", None, "A released test_data JSONL file instead of TFDS."
)
_DOMAIN = flags.DEFINE_enum(
    "domain",
    None,
    ["deepcoder", "robustfill"],
    "Domain (with --released_file or --data_dir).",
)
_NUM_PROBLEMS = flags.DEFINE_integer("num_problems", None, "Only the first n.")
_SPEC = flags.DEFINE_string("spec_decomposer", None, "SpecDecomposer SavedModel.")
_SYNTH = flags.DEFINE_string("synthesizer", None, "Synthesizer SavedModel.")
_JOINT = flags.DEFINE_string("joint", None, "Joint (no-subgoal) SavedModel.")
_BASELINE = flags.DEFINE_string("baseline", None, "Transformer baseline SavedModel.")
_BEAM_SIZE = flags.DEFINE_integer("beam_size", 10, "K.")
_DETECT_INVALID = flags.DEFINE_bool("detect_invalid", True, "Penalise invalid.")
_USE_EXECUTION = flags.DEFINE_bool("use_execution", True, "Run partial programs.")
_DISCARD = flags.DEFINE_bool(
    "discard_repeat_functionality", True, "Drop elements with repeated traces."
)
_BATCH_SIZE = flags.DEFINE_integer("batch_size", 1, "Problems advancing together.")
_SHARD_INDEX = flags.DEFINE_integer("shard_index", 0, "This shard.")
_SHARD_COUNT = flags.DEFINE_integer("shard_count", 1, "Number of shards.")


def main(argv):
    del argv
    try:
        summary = _run()
    except (ValueError, FileNotFoundError, ModelLoadError) as error:
        raise app.UsageError(str(error)) from None
    print(summary["totals"])


def _run() -> dict:
    if _MERGE.value:
        summary = merge.merge_results(_OUTPUT_DIR.value)
    else:
        summary = evaluate_from_paths(
            _OUTPUT_DIR.value,
            ModelPaths(_SPEC.value, _SYNTH.value, _JOINT.value, _BASELINE.value),
            dataset_dir=_DATASET_DIR.value,
            split=_SPLIT.value,
            released_file=_RELEASED_FILE.value,
            domain=_DOMAIN.value,
            data_dir=_DATA_DIR.value,
            experiment=_EXPERIMENT.value,
            config_name=_CONFIG_NAME.value,
            options=LoopOptions(
                beam_size=_BEAM_SIZE.value,
                detect_invalid=_DETECT_INVALID.value,
                use_execution=_USE_EXECUTION.value,
                discard_repeat_functionality=_DISCARD.value,
            ),
            batch_size=_BATCH_SIZE.value,
            shard_index=_SHARD_INDEX.value,
            shard_count=_SHARD_COUNT.value,
            num_problems=_NUM_PROBLEMS.value,
        )
    return summary


if __name__ == "__main__":
    app.run(main)
