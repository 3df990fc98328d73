"""`exedec-tf export`: a trained model -> SavedModel with beam search."""

from exedec_tf.commands import checkpoint_options, options


def _run(args) -> int:
    from exedec_tf import stages

    if args.weights is None and not args.random_weights:
        raise options.UsageError(
            "give --weights (or --random_weights for a test export)"
        )
    config = checkpoint_options.checkpoint_config(args, args.weights)
    config = options.apply_overrides(config, args, **options.inference_fields(args))
    path = stages.export(config, args.weights, args.output_dir)
    print(f"exported {config.name} to {path}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export a trained model as a SavedModel (encode, beam_search)",
        description="Writes a SavedModel with the signatures beam_search, "
        "encode and decode_logits, for tf.saved_model.load, saved_model_cli "
        "and TF Serving. The search settings come from the config's `inference` "
        "section (L and T: the published end-to-end values).",
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
    options.add_search_arguments(parser)
    parser.set_defaults(func=_run)
