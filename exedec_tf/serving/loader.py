"""`BeamSearchModel` backed by an exported SavedModel."""

import json
import pathlib

import numpy as np
import tensorflow as tf

from exedec_tf.decoding.validation import check_beam_search_args
from exedec_tf.serving.export import CONFIG_ASSET, FORMAT_VERSION


def read_export_config(path) -> dict:
    """The `exedec_config.json` asset of an export folder.

    Raises:
      OSError: the folder or the asset is missing.
      ValueError: the asset is not an export config of this format.
    """
    asset = pathlib.Path(path) / "assets" / CONFIG_ASSET
    if not asset.is_file():
        raise OSError(f"{path} is not an exedec-tf export: {asset} is missing")
    config = json.loads(asset.read_text())
    if config.get("format_version") != FORMAT_VERSION:
        raise ValueError(
            f"{asset} has format_version {config.get('format_version')!r}, "
            f"expected {FORMAT_VERSION}"
        )
    return config


class SavedModelBeamSearchModel:
    """Satisfies `exedec_tf.synthesis.beam_model.BeamSearchModel` by calling
    the `beam_search` signature of a loaded SavedModel.

    Attributes:
      config: the export config asset (model type, lengths, special ids).
    """

    def __init__(self, path):
        self.path = str(path)
        self.config = read_export_config(path)
        self.num_examples = int(self.config["num_examples"])
        self.spec_length = int(self.config["spec_length"])
        self.max_decode_length = int(self.config["max_decode_length"])
        self.vocab_size = int(self.config["vocab_size"])
        self.spec_vocab_size = int(self.config["spec_vocab_size"])
        self.model_type = self.config["model_type"]
        self._loaded = tf.saved_model.load(self.path)
        self._search = self._loaded.signatures["beam_search"]

    def beam_search(self, inputs, outputs, init_scores, init_finished):
        """Runs one beam search per batch item; see `BeamSearchModel`.

        Raises:
          BeamSearchInputError: a wrong shape, dtype or out-of-vocabulary id.
        """
        inputs, outputs, scores, finished = check_beam_search_args(
            inputs,
            outputs,
            init_scores,
            init_finished,
            self.num_examples,
            self.spec_length,
            self.spec_vocab_size,
        )
        result = self._search(
            inputs=tf.constant(inputs),
            outputs=tf.constant(outputs),
            init_scores=tf.constant(scores),
            init_finished=tf.constant(finished),
        )
        return (
            np.asarray(result["seqs"]),
            np.asarray(result["scores"]),
            np.asarray(result["origin"]),
        )


def load_beam_search_model(path) -> SavedModelBeamSearchModel:
    """Loads an export of `export_beam_search_model` as a `BeamSearchModel`.

    Raises:
      OSError: missing folder or config asset.
      ValueError: an unknown export format.
    """
    return SavedModelBeamSearchModel(path)
