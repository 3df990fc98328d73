"""`exedec-tf serve`: ExeDec as an HTTP JSON service with a playground page."""

from exedec_tf import domains
from exedec_tf.commands import options


def build_engine(args):
    """The served engine from the parsed flags (a preset or model paths)."""
    from exedec_tf.commands.preset_options import prepare_preset
    from exedec_tf.service import models
    from exedec_tf.stages.evaluation import loop_options

    prepared = prepare_preset(args)
    domain = args.domain or (prepared.preset.domain if prepared else None)
    if domain is None:
        raise options.UsageError("give --domain with model paths (or a --preset)")
    return models.engine_from_paths(
        domain,
        options.model_paths(args, prepared),
        loop_options(options.inference_from_args(args)),
    )


def settings_from_args(args):
    """ServiceSettings from the parsed flags (bad values: ServiceSettingsError)."""
    from exedec_tf.service import ServiceSettings

    beam_size = options.inference_from_args(args).beam_size
    return ServiceSettings(
        max_batch_size=args.max_batch_size,
        max_wait_s=args.max_wait_s,
        max_queue=args.max_queue,
        default_beam_size=beam_size,
        max_beam_size=max(beam_size, args.max_beam_size),
        default_timeout_s=args.timeout_s,
        max_timeout_s=max(args.timeout_s, 600.0),
    )


def _run(args) -> int:
    """Serves until interrupted; bad flags and models are `ExeDecError`s and
    `OSError`s, which the CLI reports."""
    from exedec_tf.service import build_app
    from exedec_tf.service.server import serve_forever

    settings = settings_from_args(args)
    engine = build_engine(args)

    def ready(port: int) -> None:
        print(
            f"exedec-tf serve: {engine.domain.name} {engine.method} models on "
            f"http://{args.host}:{port}/ (playground at /, API at /v1/synthesize, "
            f"description at /openapi.json); Ctrl-C stops after in-flight requests",
            flush=True,
        )

    serve_forever(
        build_app(engine, settings),
        args.host,
        args.port,
        settings.shutdown_timeout_s,
        on_ready=ready,
    )
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve ExeDec over HTTP (JSON API, metrics, playground page)",
        description="Serves POST /v1/synthesize ({domain, examples: [{input, "
        "output}], beam_size?, timeout_s?}), GET /healthz, GET /metrics "
        "(Prometheus), GET /openapi.json and a playground page at /. "
        "Concurrent requests are batched into one run of the batched ExeDec "
        "loop. Models: --preset NAME (a published preset, downloaded on first "
        "use) or SavedModel paths as `synthesize` takes them.",
    )
    parser.add_argument(
        "--domain",
        choices=domains.names(),
        help="the models' domain (required with model paths; default: the --preset's)",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=8080, help="port (default 8080; 0: any free)"
    )
    parser.add_argument(
        "--max_batch_size",
        type=int,
        default=8,
        help="requests per loop run (default 8)",
    )
    parser.add_argument(
        "--max_wait_s",
        type=float,
        default=0.01,
        help="how long a request waits for others to share its batch (default 0.01)",
    )
    parser.add_argument(
        "--max_queue",
        type=int,
        default=64,
        help="waiting requests before 503 (default 64)",
    )
    parser.add_argument(
        "--max_beam_size",
        type=int,
        default=64,
        help="largest beam_size a request may ask (default 64)",
    )
    parser.add_argument(
        "--timeout_s",
        type=float,
        default=60.0,
        help="deadline of a request that sets no timeout_s (default 60)",
    )
    options.add_model_arguments(parser)
    options.add_loop_arguments(parser)
    parser.set_defaults(func=_run)
