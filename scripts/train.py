"""Trains one ExeDec model on a prepared TFDS dataset.

Example (CPU, minutes):
  tfds build tfds_builders/exedec_robustfill --data_dir=/tmp/tfds --config='{
    "name": "compose_new_op_small", "experiment": "COMPOSE_NEW_OP", "scale": "small"}'
  python scripts/train.py --config=robustfill_synthesizer_small \
    --dataset_dir=/tmp/tfds/exedec_robustfill/compose_new_op_small/1.0.0 \
    --workdir=/tmp/exedec_run
  tensorboard --logdir=/tmp/exedec_run/tensorboard

Rerunning the same command resumes from the last checkpoint in --workdir.
Strategy: --tpu=NAME uses TPUStrategy; TF_CONFIG selects
MultiWorkerMirroredStrategy; several local devices MirroredStrategy.
"""

from absl import app, flags

from exedec_tf.configs import CONFIG_NAMES, get_config
from exedec_tf.training import data, loop, strategy

_CONFIG = flags.DEFINE_enum("config", None, CONFIG_NAMES, "Named experiment config.")
_DATASET_DIR = flags.DEFINE_string(
    "dataset_dir", None, "Prepared TFDS dataset folder (…/<config>/<version>)."
)
_WORKDIR = flags.DEFINE_string("workdir", None, "Checkpoints and TensorBoard logs.")
_SPLIT = flags.DEFINE_string("split", "train", "TFDS split to train on.")
_NUM_STEPS = flags.DEFINE_integer("num_steps", None, "Total updates (default: config).")
_STEPS_PER_LOOP = flags.DEFINE_integer(
    "steps_per_loop", None, "Updates between checkpoints/evals (default: config)."
)
_BATCH_SIZE = flags.DEFINE_integer(
    "batch_size", None, "Global batch (default: config)."
)
_TPU = flags.DEFINE_string("tpu", None, "TPU name (or 'local') for TPUStrategy.")
_JIT = flags.DEFINE_bool(
    "jit_compile", None, "XLA train step (default: single device)."
)

flags.mark_flags_as_required(["config", "dataset_dir", "workdir"])


def main(argv):
    del argv
    overrides = {
        name: value
        for name, value in (
            ("num_steps", _NUM_STEPS.value),
            ("steps_per_loop", _STEPS_PER_LOOP.value),
            ("batch_size", _BATCH_SIZE.value),
        )
        if value is not None
    }
    config = get_config(_CONFIG.value, **overrides)
    examples = data.load_examples(config, _DATASET_DIR.value, _SPLIT.value)
    loop.train(
        config,
        examples,
        _WORKDIR.value,
        strategy=strategy.resolve_strategy(_TPU.value),
        jit_compile=_JIT.value,
    )


if __name__ == "__main__":
    app.run(main)
