"""The ExeDec TFDS builders, installed as `exedec_tf.datasets`.

Importing the package registers both builders, so TFDS finds them by name:
`tfds build exedec_robustfill --imports=exedec_tf.datasets`, or
`import exedec_tf.datasets` before `tfds.load("exedec_robustfill/...")`.
"""

from exedec_tf.datasets.exedec_deepcoder import exedec_deepcoder_dataset_builder
from exedec_tf.datasets.exedec_robustfill import exedec_robustfill_dataset_builder

__all__ = ["exedec_deepcoder_dataset_builder", "exedec_robustfill_dataset_builder"]
