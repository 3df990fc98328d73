"""`exedec-tf train`: train one model of a named config on a built dataset."""

import argparse

from exedec_tf.commands import options


def _run(args) -> int:
    from exedec_tf import stages
    from exedec_tf.training import strategy

    config = options.config_from_args(args)
    model, _ = stages.train(
        config,
        args.dataset_dir,
        args.workdir,
        split=args.split,
        strategy=strategy.resolve_strategy(args.tpu),
        jit_compile=args.jit_compile,
    )
    step = int(model.optimizer.iterations.numpy())
    print(
        f"trained {config.name} to step {step} of {config.train.num_steps}; "
        f"checkpoints and TensorBoard logs in {args.workdir}"
    )
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "train",
        help="train (or resume training) one model on a built TFDS dataset",
        description="Trains the model of a registered config on a prepared "
        "exedec_<domain> TFDS dataset, writing checkpoints and TensorBoard logs "
        "to --workdir. Rerunning the same command resumes from the last "
        "checkpoint (and returns at once when the run is complete). "
        "Strategy: --tpu=NAME uses TPUStrategy; TF_CONFIG selects "
        "MultiWorkerMirroredStrategy; several local devices MirroredStrategy.",
    )
    options.add_config_arguments(parser)
    parser.add_argument(
        "--dataset_dir",
        required=True,
        help="prepared TFDS version folder, e.g. "
        "/tmp/tfds/exedec_robustfill/compose_new_op_small/1.0.0",
    )
    parser.add_argument(
        "--workdir", required=True, help="checkpoints and TensorBoard logs"
    )
    parser.add_argument("--split", default="train", help="TFDS split (default train)")
    parser.add_argument("--tpu", help="TPU name (or 'local') for TPUStrategy")
    parser.add_argument(
        "--jit_compile",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="XLA train step (default: on for one GPU, off on CPU)",
    )
    parser.set_defaults(func=_run)
