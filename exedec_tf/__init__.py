"""ExeDec on TensorFlow / Keras 3."""

from exedec_tf import source_layout

# `exedec_tf.datasets` and `exedec_tf.configs` in a source checkout too.
source_layout.install()
