"""The stages of a run, one library function each, of a config and paths.

    dataset_dir = build_dataset(config, data_dir)
    train(config, dataset_dir, workdir)
    export(config, workdir, export_dir)
    evaluate(config.inference, ModelPaths(...), results_dir, released_file=...)
    synthesize(config.inference, "robustfill", examples, ModelPaths(...))

`exedec-tf <stage>` and the demo are thin front ends over these. The stage
modules (`dataset`, `training`, `exporting`, `evaluation`, `synthesis`) are
named apart from their functions, and import TensorFlow only when called.
"""

from exedec_tf.stages.dataset import build_dataset
from exedec_tf.stages.evaluation import evaluate
from exedec_tf.stages.exporting import export
from exedec_tf.stages.synthesis import synthesize
from exedec_tf.stages.training import train

__all__ = ["build_dataset", "evaluate", "export", "synthesize", "train"]
