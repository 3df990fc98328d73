"""ExeDec on TensorFlow / Keras 3."""
