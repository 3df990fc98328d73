"""`exedec-tf synthesize`: find a program for your own examples."""

from exedec_tf import domains
from exedec_tf.commands import options


def _run(args) -> int:
    from exedec_tf import stages
    from exedec_tf.commands.preset_options import prepare_preset
    from exedec_tf.synthesis import user_examples

    prepared = prepare_preset(args)
    domain = args.domain or (prepared.preset.domain if prepared else None)
    if domain is None:
        raise options.UsageError("give --domain (or a --preset)")
    if bool(args.example) == bool(args.examples_json):
        raise options.UsageError(
            "give --example (repeated, any number) or --examples_json, not both"
            if args.example
            else "no examples given: give --example (repeated, any number) or "
            "--examples_json"
        )
    if args.examples_json:
        pairs = user_examples.read_examples_json(args.examples_json)
    else:
        pairs = [
            user_examples.split_example(text, n) for n, text in enumerate(args.example)
        ]
    paths = options.model_paths(args, prepared)
    problem, report = stages.synthesize(
        options.inference_from_args(args), domain, pairs, paths
    )
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
        "comma-separated). Any number of examples: the models take a fixed "
        "number (the config's num_examples: 4 for RobustFill, 3 for DeepCoder "
        "with the paper's settings); fewer are repeated cyclically to fill "
        "those slots (2 examples fill 4 slots as 0, 1, 0, 1), more are all "
        "checked for success while the first ones form the spec the models "
        "see. The report says which examples formed the spec and which were "
        "checked. Exit status 1 when no program satisfies them all.",
    )
    parser.add_argument(
        "--domain",
        choices=domains.names(),
        help="the examples' domain (default: the --preset's)",
    )
    parser.add_argument(
        "--example",
        action="append",
        help="one example 'input -> output' (repeat it; any number: fewer than "
        "the models' example slots are repeated to fill them, extra ones are "
        "checked for success only)",
    )
    parser.add_argument(
        "--examples_json",
        help='JSON file: [{"input": ..., "output": ...}, ...] (any number, '
        "as for --example)",
    )
    options.add_model_arguments(parser)
    options.add_config_arguments(
        parser,
        required=False,
        help_text="registered config whose inference settings (beam size, loop "
        "options) are the defaults of the loop flags",
    )
    options.add_loop_arguments(parser)
    parser.set_defaults(func=_run)
