"""Stage: run ExeDec (or a baseline) over a split and record the results."""

from exedec_tf.experiment_config import InferenceConfig


def loop_options(inference: InferenceConfig):
    """The ExeDec loop options of `inference` (the model paths later set
    the prediction type)."""
    from exedec_tf.synthesis.options import LoopOptions

    return LoopOptions(
        beam_size=inference.beam_size,
        detect_invalid=inference.detect_invalid,
        use_execution=inference.use_execution,
        discard_repeat_functionality=inference.discard_repeat_functionality,
    )


def evaluate(
    inference: InferenceConfig,
    model_paths,
    output_dir,
    *,
    dataset_dir=None,
    split: str = "test_released",
    released_file=None,
    domain: str | None = None,
    data_dir=None,
    experiment: str | None = None,
    config_name: str | None = None,
    shard_index: int = 0,
    shard_count: int = 1,
    num_problems: int | None = None,
    progress: bool = True,
    models: dict | None = None,
) -> dict:
    """Evaluates the exported models on one split; a rerun skips done problems.

    Args:
      inference: beam size, loop options and problems batched together.
      model_paths: a `synthesis.loading.ModelPaths` (it fixes the method).
      output_dir: results folder (JSONL log, JSON summary, TensorBoard).
      dataset_dir, split, released_file, domain, data_dir, experiment,
        config_name: where the problems come from, see
        `evaluation.api.evaluate_from_paths`.
      shard_index, shard_count: this shard of the problems.
      num_problems: only the first n problems (all if None).
      progress: show a progress bar.
      models: already loaded models (keyword arguments of
        `evaluation.runner.evaluate`), used instead of loading `model_paths`.

    Returns:
      The shard's summary (settings, totals, problems).
    """
    from exedec_tf.evaluation.api import evaluate_from_paths

    return evaluate_from_paths(
        output_dir,
        model_paths,
        dataset_dir=dataset_dir,
        split=split,
        released_file=released_file,
        domain=domain,
        data_dir=data_dir,
        experiment=experiment,
        config_name=config_name,
        options=loop_options(inference),
        batch_size=inference.batch_size,
        shard_index=shard_index,
        shard_count=shard_count,
        num_problems=num_problems,
        progress=progress,
        models=models,
    )
