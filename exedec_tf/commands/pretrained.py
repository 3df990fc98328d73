"""`exedec-tf pretrained`: the published checkpoints by name."""

import sys


def _size(size) -> str:
    return "?" if size is None else f"{size / 2**20:.0f} MiB"


def _list(args) -> int:
    from exedec_tf import presets
    from exedec_tf.models.model_type import ModelType
    from exedec_tf.presets import cache, fetch
    from exedec_tf.presets.bucket import BucketClient

    try:
        grid = presets.select_presets(
            args.domain,
            None if args.experiment is None else [args.experiment],
            None if args.method is None else [args.method],
            None if args.seed is None else [args.seed],
        )
        root = cache.cache_root(args.cache_dir)
        client = BucketClient(args.bucket_url) if args.refresh else None
        for preset in grid:
            sizes = []
            for spec in preset.checkpoints:
                if client is not None:
                    fetch.remote_object(client, spec, root, refresh=True)
                sizes.append(fetch.known_size(spec, root))
            total = None if None in sizes else sum(sizes)
            models = "+".join(
                ModelType.parse(s.model_type).short for s in preset.checkpoints
            )
            print(f"{preset.name:<52} {models:<30} {_size(total):>9}")
    except presets.PresetError as error:
        print(f"exedec-tf pretrained list: error: {error}", file=sys.stderr)
        return 2
    if not args.refresh:
        print(
            "(sizes: ? until listed or downloaded; --refresh lists the bucket)",
            file=sys.stderr,
        )
    return 0


def _prepare(args) -> int:
    from exedec_tf import presets
    from exedec_tf.commands.preset_options import source_kwargs

    try:
        for name in args.names:
            prepared = presets.prepare(name, **source_kwargs(args))
            for model in prepared.models:
                print(f"{name}: {model.checkpoint.spec.model_type} -> {model.path}")
    except presets.PresetError as error:
        print(f"exedec-tf pretrained prepare: error: {error}", file=sys.stderr)
        return 2
    return 0


def register(subparsers) -> None:
    from exedec_tf.commands.preset_options import add_source_arguments

    parser = subparsers.add_parser(
        "pretrained",
        help="the published checkpoints by name (list, prepare)",
        description="Presets name every published checkpoint of the original "
        "(<domain>_<experiment>_<method>_seed<N>; method exedec, ablation or "
        "baseline). Use one with --preset on synthesize and evaluate.",
    )
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="print the presets and their sizes")
    listing.add_argument("--domain", choices=["deepcoder", "robustfill"])
    listing.add_argument("--experiment", help="e.g. NONE")
    listing.add_argument("--method", choices=["exedec", "ablation", "baseline"])
    listing.add_argument("--seed", type=int)
    listing.add_argument(
        "--refresh", action="store_true", help="list the bucket for download sizes"
    )
    add_source_arguments(listing)
    listing.set_defaults(func=_list)
    prepare = actions.add_parser(
        "prepare", help="download, convert and export presets into the cache"
    )
    prepare.add_argument("names", nargs="+", help="preset names")
    prepare.add_argument("--no_progress", action="store_true")
    add_source_arguments(prepare)
    prepare.set_defaults(func=_prepare)
