"""Stage: train (or resume training) the model of a config."""

from exedec_tf.experiment_config import ExperimentConfig


def train(
    config: ExperimentConfig,
    dataset_dir,
    workdir,
    *,
    split: str = "train",
    strategy=None,
    jit_compile: bool | None = None,
    verbose: int | str = "auto",
    callbacks=None,
):
    """Trains `config` on a built dataset; a rerun resumes from `workdir`.

    Args:
      config: the run (model, data shapes, training settings).
      dataset_dir: a built `exedec_<domain>` TFDS version folder.
      workdir: checkpoints and TensorBoard logs; a run that has reached
        `config.train.num_steps` returns at once.
      split: the TFDS split to train on.
      strategy: a `tf.distribute` strategy (default: the current one).
      jit_compile: XLA train step (default: on for one GPU, off on CPU;
        `training.strategy.default_jit_compile`).
      verbose: Keras progress-bar setting.
      callbacks: your Keras callbacks, run after the built-in checkpoint and
        TensorBoard ones.

    Returns:
      (model, keras History of the updates run now).
    """
    from exedec_tf.training import data, loop

    examples = data.load_examples(config, dataset_dir, split)
    return loop.train(
        config,
        examples,
        workdir,
        strategy=strategy,
        jit_compile=jit_compile,
        verbose=verbose,
        callbacks=callbacks,
    )
