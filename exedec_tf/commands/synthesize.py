"""`exedec-tf synthesize`: find a program for your own examples."""

import sys

from exedec_tf import domains
from exedec_tf.commands.evaluate import (
    add_loop_arguments,
    add_model_arguments,
    loop_options,
    model_paths,
)


def _run(args) -> int:
    from exedec_tf.commands.preset_options import prepare_preset
    from exedec_tf.domains.loop_ops import SpecEncodingError
    from exedec_tf.errors import ExeDecError
    from exedec_tf.synthesis import loading, user_examples
    from exedec_tf.synthesis.model_calls import ModelMismatchError

    try:
        prepared = prepare_preset(args)
        name = args.domain or (prepared.preset.domain if prepared else None)
        if name is None:
            raise ValueError("give --domain (or a --preset)")
        domain = domains.get(name)
        if bool(args.example) == bool(args.examples_json):
            raise ValueError("give --example (repeated) or --examples_json")
        if args.examples_json:
            pairs = user_examples.read_examples_json(args.examples_json)
        else:
            pairs = [
                user_examples.split_example(text, n)
                for n, text in enumerate(args.example)
            ]
        problem, report = user_examples.synthesize_from_paths(
            domain, pairs, model_paths(args, prepared), loop_options(args)
        )
    except (
        ValueError,
        OSError,
        SpecEncodingError,
        ModelMismatchError,
        loading.ModelLoadError,
        ExeDecError,
    ) as error:
        print(f"exedec-tf synthesize: error: {error}", file=sys.stderr)
        return 2
    print(user_examples.format_report(problem, report))
    return 0 if report.solved else 1


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "synthesize",
        help="synthesize a program for your own I/O examples",
        description="Runs ExeDec on your examples and prints the program (DSL "
        "and Python), whether it satisfies every example, and its subgoals. "
        "RobustFill: --example 'input -> output' (strings). DeepCoder: "
        "--example '[1, 2, 3], 4 -> [5, 6]' (inputs: ints or int lists, "
        "comma-separated). Exit status 1 when no program satisfies them all.",
    )
    parser.add_argument(
        "--domain",
        choices=domains.names(),
        help="the examples' domain (default: the --preset's)",
    )
    parser.add_argument(
        "--example",
        action="append",
        help="one example 'input -> output' (repeat: 4 for RobustFill, 3 for "
        "DeepCoder with the paper's models)",
    )
    parser.add_argument(
        "--examples_json",
        help='JSON file: [{"input": ..., "output": ...}, ...]',
    )
    add_model_arguments(parser)
    add_loop_arguments(parser)
    parser.set_defaults(func=_run)
