"""Every published checkpoint of the original as a named preset.

A preset is one trained method for one domain, experiment and seed, named
`<domain>_<experiment>_<method>_seed<N>` (e.g. `robustfill_none_exedec_seed10`):

- `exedec`: a SpecDecomposer and a Synthesizer (two checkpoints);
- `ablation`: the joint model without subgoals;
- `baseline`: the Transformer baseline.

Checkpoints live in the public `exedec` bucket at
`trained_models/<domain>/<model_type>/checkpoints/<hparam_str>/checkpoint_<step>`
(`shared/spec/pretrained.md`). The hparam strings below are those the
original's end-to-end scripts load. The baseline's directory is not named in
those scripts; we assume the layout of the others with the baseline's
training flags (`ara=False` as for the joint model, and the joint model's
distances). Discovery does not rely on that guess: it lists the model type's
`checkpoints/` folder and matches the experiment and seed (`bucket.py`).
"""

import dataclasses

from exedec_tf.domains import names as domain_names
from exedec_tf.experiments import ALL_EXPERIMENTS
from exedec_tf.models.paper_configs import paper_sizes
from exedec_tf.models.train_hparams import TrainHparams, format_hparam_str
from exedec_tf.presets.errors import UnknownPresetError

DOMAINS = domain_names()
METHODS = ("exedec", "ablation", "baseline")
SEEDS = (10, 20, 30, 40, 50)
EXPERIMENTS = tuple(e.name for e in ALL_EXPERIMENTS)

# Model types of each method, in the order the loop needs them.
METHOD_MODEL_TYPES = {
    "exedec": ("spec_decomposer_model", "synthesizer_model"),
    "ablation": ("joint_model",),
    "baseline": ("baseline_model",),
}
# The method name `exedec_tf.synthesis.loading` uses for each.
LOOP_METHODS = {"exedec": "separate", "ablation": "joint", "baseline": "baseline"}


@dataclasses.dataclass(frozen=True)
class CheckpointSpec:
    """Where one model of a preset lives in the bucket."""

    domain: str
    model_type: str
    experiment: str
    seed: int

    @property
    def hparams(self) -> TrainHparams:
        """The training flags the original's end-to-end scripts name."""
        # The attention flags are the published sizes of the domain and model
        # type (the end-to-end scripts'; the baseline's are assumed, see above).
        sizes = paper_sizes(self.domain, self.model_type)
        return TrainHparams(
            attention_dropout_rate=0.1,
            aligned_relative_attention=sizes.aligned,
            dropout_rate=0.1,
            experiment=self.experiment,
            embedding_dim=512,
            hidden_dim=1024,
            lr=0.0002,
            max_distance=sizes.max_distance,
            max_program_cross_embed_distance=sizes.max_program_cross_embed_distance,
            num_position_buckets=32,
            seed=self.seed,
            synthesizer_corrupted_next_part_rate=0.0,
            use_relative_attention=True,
        )

    @property
    def hparam_str(self) -> str:
        """The directory name the original's scripts expect."""
        return format_hparam_str(self.hparams)

    def matches(self, hparam_dir: str) -> bool:
        """Whether a directory name is a train.py run of this experiment and seed."""
        from exedec_tf.models.train_hparams import (
            CheckpointConfigError,
            parse_hparam_str,
        )

        try:
            hparams = parse_hparam_str(hparam_dir)
        except CheckpointConfigError:
            return False
        return (hparams.experiment, hparams.seed) == (self.experiment, self.seed)

    @property
    def checkpoints_prefix(self) -> str:
        """`trained_models/<domain>/<model_type>/checkpoints/`."""
        return f"trained_models/{self.domain}/{self.model_type}/checkpoints/"

    @property
    def prefix(self) -> str:
        """The expected checkpoint directory, ending in `/`."""
        return f"{self.checkpoints_prefix}{self.hparam_str}/"


@dataclasses.dataclass(frozen=True)
class Preset:
    """One published trained method (one or two checkpoints)."""

    domain: str
    experiment: str
    method: str
    seed: int

    @property
    def name(self) -> str:
        """`<domain>_<experiment>_<method>_seed<N>`, lower case."""
        return f"{self.domain}_{self.experiment.lower()}_{self.method}_seed{self.seed}"

    @property
    def checkpoints(self) -> tuple[CheckpointSpec, ...]:
        """The checkpoints of its models, in `METHOD_MODEL_TYPES` order."""
        return tuple(
            CheckpointSpec(self.domain, t, self.experiment, self.seed)
            for t in METHOD_MODEL_TYPES[self.method]
        )


PRESETS = {
    p.name: p
    for p in (
        Preset(d, e, m, s)
        for d in DOMAINS
        for e in EXPERIMENTS
        for m in METHODS
        for s in SEEDS
    )
}


def get_preset(name: str) -> Preset:
    """The preset of a name.

    Raises:
      UnknownPresetError: no such preset (the message shows the name pattern
        and the names sharing the given prefix).
    """
    try:
        return PRESETS[name]
    except KeyError:
        pass
    head = str(name).rsplit("_", 1)[0]
    near = [n for n in PRESETS if n.startswith(head)][:6]
    hint = f"; similar: {', '.join(near)}" if near else ""
    raise UnknownPresetError(
        f"unknown preset {name!r}: names are <domain>_<experiment>_<method>_seed<N> "
        f"with domain in {DOMAINS}, experiment in {[e.lower() for e in EXPERIMENTS]}, "
        f"method in {METHODS}, N in {SEEDS} (see `exedec-tf pretrained list`){hint}"
    )


def _check_choice(kind: str, values, allowed) -> None:
    bad = [v for v in values if v not in allowed]
    if bad:
        raise UnknownPresetError(f"unknown {kind} {bad}; expected some of {allowed}")


def select_presets(
    domain: str | None = None,
    experiments=None,
    methods=None,
    seeds=None,
) -> list[Preset]:
    """The presets of a grid, in registry order (experiment, method, seed).

    Args:
      domain: one domain, or None for both.
      experiments: experiment names (any case), None for all six.
      methods: subset of METHODS, None for all.
      seeds: subset of SEEDS, None for all.

    Raises:
      UnknownPresetError: a value outside the registry's.
    """
    domains = DOMAINS if domain is None else (domain,)
    if experiments is None:
        experiments = EXPERIMENTS
    else:
        experiments = tuple(e.upper() for e in experiments)
    methods = METHODS if methods is None else tuple(methods)
    seeds = SEEDS if seeds is None else tuple(int(s) for s in seeds)
    for kind, values, allowed in (
        ("domain", domains, DOMAINS),
        ("experiment", experiments, EXPERIMENTS),
        ("method", methods, METHODS),
        ("seed", seeds, SEEDS),
    ):
        _check_choice(kind, values, allowed)
    return [
        p
        for p in PRESETS.values()
        if p.domain in domains
        and p.experiment in experiments
        and p.method in methods
        and p.seed in seeds
    ]
