"""The `--preset` flags, defined once for every command that takes them."""


def add_source_arguments(parser) -> None:
    """Where preset checkpoints come from and where they are cached."""
    group = parser.add_argument_group("published models (presets)")
    group.add_argument(
        "--bucket_url",
        help="host serving the exedec bucket (default: $EXEDEC_TF_BUCKET_URL or "
        "https://storage.googleapis.com)",
    )
    group.add_argument(
        "--cache_dir",
        help="model cache (default: $EXEDEC_TF_CACHE or ~/.cache/exedec_tf/models)",
    )
    group.add_argument(
        "--checkpoint_dir",
        help="a folder copied with `gsutil -m cp -r gs://exedec/...` to use "
        "instead of downloading",
    )


def add_preset_argument(parser) -> None:
    """`--preset NAME` plus the source flags."""
    parser.add_argument(
        "--preset",
        help="a published model by name, e.g. robustfill_none_exedec_seed10 "
        "(`exedec-tf pretrained list`), instead of model paths: downloaded, "
        "converted and exported once into the cache",
    )
    add_source_arguments(parser)


def source_kwargs(args) -> dict:
    """The keyword arguments of `exedec_tf.presets.prepare` from the flags."""
    return {
        "bucket_url": args.bucket_url,
        "cache_dir": args.cache_dir,
        "checkpoint_dir": args.checkpoint_dir,
        "progress": not getattr(args, "no_progress", False),
    }


def prepare_preset(args):
    """The PreparedPreset of `--preset` (None without it).

    Raises:
      UsageError: `--preset` together with model paths, or with another
        `--domain` than the preset's.
      PresetError: see `exedec_tf.presets.prepare`.
    """
    if not args.preset:
        return None
    from exedec_tf import presets
    from exedec_tf.commands.options import UsageError

    given = [
        f"--{flag}"
        for flag in ("spec_decomposer", "synthesizer", "joint", "baseline")
        if getattr(args, flag, None)
    ]
    if given:
        raise UsageError(f"give --preset or model paths, not both (got {given})")
    preset = presets.get_preset(args.preset)
    domain = getattr(args, "domain", None)
    if domain is not None and domain != preset.domain:
        raise UsageError(
            f"--preset {preset.name} is a {preset.domain} model, not {domain}"
        )
    return presets.prepare(preset.name, **source_kwargs(args))
