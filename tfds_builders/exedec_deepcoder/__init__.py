"""TFDS builder of the ExeDec DeepCoder data."""
