"""`exedec-tf demo`: the ExeDec pipeline end to end on a small scale."""

import os
import shutil
import warnings


def _quiet_tensorflow() -> None:
    """Keeps the demo's output readable: TensorFlow's C++ log lines, absl
    warnings (TFDS) and Keras' Python warnings go away; set
    TF_CPP_MIN_LOG_LEVEL to see the C++ lines again. Errors still raise."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    warnings.filterwarnings("ignore", category=UserWarning, module="keras")
    from absl import logging

    logging.set_verbosity(logging.ERROR)


def demo_configs(settings) -> list:
    """The registered configs of the demo's two models at `settings.model_scale`."""
    from exedec_tf import demo
    from exedec_tf.commands.registry import config_name, get_config

    return [
        get_config(config_name(demo.DOMAIN, model_type, settings.model_scale))
        for model_type in demo.MODEL_TYPES
    ]


def _run(args) -> int:
    _quiet_tensorflow()
    from exedec_tf import demo

    settings = demo.DemoSettings(
        experiment=args.experiment,
        scale=args.scale,
        model_scale=args.model_scale,
        train_steps=args.train_steps,
        steps_per_loop=args.steps_per_loop,
        batch_size=args.batch_size,
        num_problems=args.num_problems,
        max_parts=args.max_parts or None,
        batch_problems=args.batch_problems,
        beam_size=args.beam_size,
        show=args.show,
    )
    configs = demo_configs(settings)
    if args.fresh:
        shutil.rmtree(args.work_dir, ignore_errors=True)
    demo.run_demo(args.work_dir, configs, released_dir=args.data_dir, settings=settings)
    return 0


def register(subparsers) -> None:
    from exedec_tf.data.split_sizes import SCALES
    from exedec_tf.demo import DemoSettings
    from exedec_tf.experiments import ALL_EXPERIMENTS

    defaults = DemoSettings()
    parser = subparsers.add_parser(
        "demo",
        help="the whole pipeline on a small scale: data, training, export, "
        "ExeDec evaluation, synthesis",
        description="Builds a small RobustFill dataset with the TFDS builder, "
        "trains tiny SpecDecomposer and Synthesizer models, exports them as "
        "SavedModels, runs ExeDec on released test problems and on a "
        "hand-written example. A rerun reuses what is in --work_dir.",
    )
    parser.add_argument(
        "--work_dir",
        default="exedec_demo",
        help="dataset, checkpoints, exports and results (default: ./exedec_demo)",
    )
    parser.add_argument(
        "--data_dir",
        help="folder holding the released test_data/ and llm_data/ "
        "(default: download into ~/.cache/exedec_tf)",
    )
    parser.add_argument("--fresh", action="store_true", help="delete --work_dir first")
    parser.add_argument(
        "--experiment",
        default=defaults.experiment,
        choices=[e.name for e in ALL_EXPERIMENTS],
    )
    parser.add_argument(
        "--scale",
        default=defaults.scale,
        choices=SCALES,
        help="size of the generated dataset",
    )
    parser.add_argument(
        "--model_scale",
        default=defaults.model_scale,
        choices=SCALES,
        help="model configs to train",
    )
    for name, help_text in (
        ("train_steps", "updates per model"),
        ("steps_per_loop", "updates between checkpoints"),
        ("batch_size", "training batch"),
        ("num_problems", "released test problems to evaluate"),
        ("batch_problems", "problems advancing through the loop together"),
        ("beam_size", "ExeDec beam size"),
        ("show", "solved problems to print"),
    ):
        parser.add_argument(
            f"--{name}",
            type=int,
            default=getattr(defaults, name),
            help=f"{help_text} (default {getattr(defaults, name)})",
        )
    parser.add_argument(
        "--max_parts",
        type=int,
        default=defaults.max_parts,
        help="evaluate only released problems whose program has at most this "
        f"many parts; 0 for all (default {defaults.max_parts})",
    )
    parser.set_defaults(func=_run)
