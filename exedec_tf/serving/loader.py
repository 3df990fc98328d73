"""Loads an export as the project's one NumPy `BeamSearchModel`."""

import json
import pathlib

import tensorflow as tf

from exedec_tf.decoding.numpy_beam_search import NumpyBeamSearch
from exedec_tf.decoding.settings import SearchSettings
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


def load_beam_search_model(path) -> NumpyBeamSearch:
    """Loads an export of `export_search_module` as a `BeamSearchModel`.

    The result is the same `NumpyBeamSearch` as an in-process search, over
    the restored `beam_search` signature; its `export_config` is the asset.

    Raises:
      OSError: missing folder or config asset.
      ValueError: an unknown export format.
    """
    config = read_export_config(path)
    settings = SearchSettings.from_dict(config)
    loaded = tf.saved_model.load(str(path))
    return NumpyBeamSearch(
        loaded.signatures["beam_search"], settings, export_config=config, owner=loaded
    )
