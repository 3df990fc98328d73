"""`exedec-tf download`: download and verify the released data."""


def _run(args) -> int:
    from exedec_tf.data import sources

    for family in args.families:
        path = sources.fetch_family(family, args.cache_dir)
        print(f"{family}: verified in {path}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "download", help="download and verify the released data"
    )
    parser.add_argument(
        "--families",
        nargs="+",
        default=["test_data", "llm_data"],
        choices=["test_data", "llm_data"],
    )
    parser.add_argument("--cache_dir", help="destination (default: ~/.cache/exedec_tf)")
    parser.set_defaults(func=_run)
