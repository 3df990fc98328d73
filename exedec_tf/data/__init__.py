"""Data access: released ExeDec problem sets, and (later) tf.data pipelines."""
