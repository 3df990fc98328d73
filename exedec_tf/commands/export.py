"""`exedec-tf export`: a trained model -> SavedModel with beam search."""

import argparse
import sys

from exedec_tf.commands import checkpoint_options


def _run(args) -> int:
    from exedec_tf.decoding.settings import SearchSettings
    from exedec_tf.serving import export_beam_search_model
    from exedec_tf.serving.trained_model import trained_model

    try:
        if args.weights is None and not args.random_weights:
            raise ValueError("give --weights (or --random_weights for a test export)")
        config = checkpoint_options.checkpoint_config(args, args.weights)
        model = trained_model(config, args.weights)
        settings = SearchSettings.from_experiment(
            config,
            spec_length=args.spec_length or config.inference.spec_length,
            max_decode_length=args.max_decode_length
            or config.inference.max_decode_length,
            cached=args.cached,
            jit_compile=args.jit_compile,
        )
        path = export_beam_search_model(
            model, args.output_dir, config.model_type, settings
        )
    except (ValueError, FileNotFoundError, FileExistsError) as error:
        print(f"exedec-tf export: error: {error}", file=sys.stderr)
        return 2
    print(f"exported {config.name} to {path}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export a trained model as a SavedModel (encode, beam_search)",
        description="Writes a SavedModel with the signatures beam_search, "
        "encode and decode_logits, for tf.saved_model.load, saved_model_cli "
        "and TF Serving. L and T default to the published end-to-end values.",
    )
    checkpoint_options.add_checkpoint_config_arguments(parser)
    parser.add_argument(
        "--weights",
        help="*.weights.h5 file, training checkpoint prefix, training workdir, "
        "or a checkpoint of the original's train.py (its config is inferred)",
    )
    parser.add_argument(
        "--random_weights",
        action="store_true",
        help="export the random initialisation (tests and benchmarks only)",
    )
    parser.add_argument("--output_dir", required=True, help="SavedModel folder")
    parser.add_argument(
        "--spec_length", type=int, help="L of the signatures (default: end-to-end L)"
    )
    parser.add_argument(
        "--max_decode_length", type=int, help="T (default: end-to-end T)"
    )
    parser.add_argument(
        "--cached",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="key/value-cached decoding in the search (default on)",
    )
    parser.add_argument(
        "--jit_compile",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="XLA-compile the search (default on)",
    )
    parser.set_defaults(func=_run)
