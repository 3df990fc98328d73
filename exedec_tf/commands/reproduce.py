"""`exedec-tf reproduce`: reproduce every released test problem."""


def _run(args) -> int:
    from exedec_tf import reproduce

    failed = reproduce.run_reproduce(
        data_dir=args.data_dir, cache_dir=args.cache_dir, show=args.show
    )
    return 1 if failed else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "reproduce",
        help="reproduce every released test problem and replay the generators",
    )
    parser.add_argument(
        "--data_dir",
        help="folder holding test_data/ (default: download into the cache)",
    )
    parser.add_argument(
        "--cache_dir", help="download cache (default: ~/.cache/exedec_tf)"
    )
    parser.add_argument(
        "--show", type=int, default=2, help="problems to print per domain"
    )
    parser.set_defaults(func=_run)
