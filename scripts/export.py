"""Exports a trained model as a SavedModel with encode / beam_search signatures.

Example (the RobustFill synthesizer at the end-to-end L = 200, T = 100):
  python scripts/export.py --config=robustfill_synthesizer_paper \
    --weights=/models/rf_synth.weights.h5 --output_dir=/exports/rf_synth

The result loads with `tf.saved_model.load`, `saved_model_cli` and TF
Serving, and with `exedec_tf.serving.load_beam_search_model` for the ExeDec
loop. `exedec-tf export` is the same with argparse flags.
"""

from absl import app, flags

from exedec_tf.configs import CONFIG_NAMES, get_config
from exedec_tf.decoding.settings import SearchSettings
from exedec_tf.serving import export_beam_search_model
from exedec_tf.serving.trained_model import trained_model

_CONFIG = flags.DEFINE_enum("config", None, CONFIG_NAMES, "Named config.")
_WEIGHTS = flags.DEFINE_string(
    "weights",
    None,
    "*.weights.h5 file, training checkpoint prefix, or training workdir.",
)
_RANDOM = flags.DEFINE_bool(
    "random_weights", False, "Export the random initialisation (tests only)."
)
_OUTPUT_DIR = flags.DEFINE_string("output_dir", None, "SavedModel folder.")
_SPEC_LENGTH = flags.DEFINE_integer(
    "spec_length", None, "L of the signatures (default: the end-to-end L)."
)
_MAX_DECODE_LENGTH = flags.DEFINE_integer(
    "max_decode_length", None, "T (default: the end-to-end T)."
)
_CACHED = flags.DEFINE_bool("cached", True, "Key/value-cached decoding.")
_JIT = flags.DEFINE_bool("jit_compile", True, "XLA-compile the beam search.")

flags.mark_flags_as_required(["config", "output_dir"])


def main(argv):
    del argv
    if _WEIGHTS.value is None and not _RANDOM.value:
        raise app.UsageError("give --weights (or --random_weights)")
    config = get_config(_CONFIG.value)
    settings = SearchSettings.from_experiment(
        config,
        spec_length=_SPEC_LENGTH.value or config.inference.spec_length,
        max_decode_length=_MAX_DECODE_LENGTH.value
        or config.inference.max_decode_length,
        cached=_CACHED.value,
        jit_compile=_JIT.value,
    )
    path = export_beam_search_model(
        trained_model(config, _WEIGHTS.value),
        _OUTPUT_DIR.value,
        config.model_type,
        settings,
    )
    print(f"exported {_CONFIG.value} to {path}")


if __name__ == "__main__":
    app.run(main)
