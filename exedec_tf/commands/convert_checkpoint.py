"""`exedec-tf convert-checkpoint`: original Flax checkpoint -> Keras weights."""

import sys


def _run(args) -> int:
    from exedec_tf.configs import get_config
    from exedec_tf.models import flax_checkpoint as fc

    try:
        config = get_config(args.config)
        checkpoint = fc.read_flax_checkpoint(args.checkpoint)
        model = fc.convert_checkpoint(checkpoint, config)
        out = fc.save_keras_weights(model, args.output)
    except (FileNotFoundError, ValueError) as error:
        # Mismatched configs and unreadable files are user errors: one line,
        # no traceback.
        print(f"exedec-tf convert-checkpoint: error: {error}", file=sys.stderr)
        return 1
    step = "none" if checkpoint.step is None else checkpoint.step
    print(
        f"converted {checkpoint.num_tensors} tensors "
        f"({checkpoint.num_parameters:,} parameters, step {step}) "
        f"into config {args.config}: {out}"
    )
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "convert-checkpoint",
        help="convert an original Flax checkpoint to Keras weights",
    )
    parser.add_argument(
        "--checkpoint",
        required=True,
        help="checkpoint_<step> file, or its directory (newest step)",
    )
    parser.add_argument(
        "--config",
        required=True,
        help="registered config the checkpoint was trained with, "
        "e.g. robustfill_synthesizer_paper",
    )
    parser.add_argument(
        "--output", required=True, help="Keras weights file (*.weights.h5)"
    )
    parser.set_defaults(func=_run)
