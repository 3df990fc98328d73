"""Typed experiment configuration: model, data shapes and training settings."""

import dataclasses

from exedec_tf.models import TransformerConfig


@dataclasses.dataclass(frozen=True)
class TrainConfig:
    """Optimisation and cadence of one training run."""

    # Global batch size (all replicas together); the paper used 8 x 16 = 128.
    batch_size: int = 128
    # Tasks per loss group: the loss is the mean of per-group token means.
    group_size: int = 16
    # Total optimiser updates (paper: 500,000).
    num_steps: int = 500_000
    # Peak learning rate of the warmup/rsqrt schedule.
    learning_rate: float = 2e-4
    # Linear warmup length (the original hard-codes 16,000).
    warmup_steps: int = 16_000
    # Decoupled weight decay, scaled by the learning rate.
    weight_decay: float = 0.1
    # Updates between checkpoints, evaluations and TensorBoard summaries.
    steps_per_loop: int = 1000
    # Held-out batches from the head of the training stream used for eval.
    eval_batches: int = 10
    # Probability of training the synthesizer on corrupted next parts.
    corruption_rate: float = 0.0
    # Seed of weight initialisation, dropout and corruption draws.
    seed: int = 10

    def __post_init__(self):
        for name in (
            "batch_size",
            "group_size",
            "num_steps",
            "warmup_steps",
            "steps_per_loop",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1, got {getattr(self, name)}")
        if self.batch_size % self.group_size:
            raise ValueError(
                f"batch_size={self.batch_size} must be a multiple of "
                f"group_size={self.group_size}"
            )
        if self.eval_batches < 0:
            raise ValueError(f"eval_batches must be >= 0, got {self.eval_batches}")
        if self.learning_rate <= 0 or self.weight_decay < 0:
            raise ValueError("learning_rate must be > 0 and weight_decay >= 0")
        if not 0.0 <= self.corruption_rate <= 1.0:
            raise ValueError(
                f"corruption_rate must be in [0, 1], got {self.corruption_rate}"
            )


@dataclasses.dataclass(frozen=True)
class ExperimentConfig:
    """Everything one training run needs besides the data location."""

    # Registered name, e.g. "robustfill_synthesizer_small".
    name: str
    # "deepcoder" or "robustfill".
    domain: str
    # One of the original model-type names, e.g. "synthesizer_model".
    model_type: str
    # I/O examples per task, N.
    num_examples: int
    # Padded length of each input/output string, L.
    max_input_length: int
    # Padded target length, T (EOS included).
    max_target_length: int
    # The network.
    model: TransformerConfig
    # Optimisation and cadence.
    train: TrainConfig
