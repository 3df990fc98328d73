"""TFDS builder of the ExeDec RobustFill data."""
