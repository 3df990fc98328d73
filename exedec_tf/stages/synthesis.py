"""Stage: synthesize a program for your own I/O examples."""

from exedec_tf.experiment_config import InferenceConfig
from exedec_tf.stages.evaluation import loop_options


def synthesize(inference: InferenceConfig, domain: str, examples, model_paths):
    """Runs the ExeDec loop on `examples` with the exported models.

    Args:
      inference: beam size and loop options.
      domain: "robustfill" or "deepcoder".
      examples: any number of (input, output) pairs in the domain's user
        format (see `synthesis.user_examples`); they fill the models' example
        slots as `synthesis.example_slots` says.
      model_paths: a `synthesis.loading.ModelPaths` (it fixes the method).

    Returns:
      (the problem built from the examples, its `SynthesisReport`).
    """
    from exedec_tf import domains
    from exedec_tf.synthesis import user_examples

    return user_examples.synthesize_from_paths(
        domains.get(domain), examples, model_paths, loop_options(inference)
    )
