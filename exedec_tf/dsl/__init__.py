"""Pure-Python interpreters of the two ExeDec DSLs (no TensorFlow import)."""
