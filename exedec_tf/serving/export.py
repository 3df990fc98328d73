"""Exports a model's `SearchModule` as a SavedModel.

Export is saving the very module an in-process search runs: its signatures
(`beam_search`, `encode`, `decode_logits`) and two assets,
`exedec_config.json` (format version, model type, domain, every
`SearchSettings` field at top level, and the model config) and
`vocabularies.json` (the id -> token lists of the spec and output
vocabularies). It loads with plain `tf.saved_model.load` (no `exedec_tf`
import needed) and with `saved_model_cli`, the loader TF Serving uses.
"""

import json
import os
import pathlib
import tempfile

import tensorflow as tf

from exedec_tf.decoding.search_module import SearchModule
from exedec_tf.models.model_type import ModelType

CONFIG_ASSET = "exedec_config.json"
VOCAB_ASSET = "vocabularies.json"
FORMAT_VERSION = 1


def _token_name(token) -> str:
    if token is None:
        return "<PAD>"
    return getattr(token, "__name__", str(token))


def vocabularies(domain: str, model_type: str, spec_size: int, output_size: int):
    """Id -> token lists of the spec and output vocabularies.

    Raises:
      ValueError: the model's vocabulary sizes differ from the domain's.
    """
    from exedec_tf import domains

    dom = domains.get(domain)
    spec = dom.spec_vocab
    output = spec if model_type == "spec_decomposer_model" else dom.program_vocab
    lists = {}
    for name, vocab, size in (
        ("spec", spec, spec_size),
        ("output", output, output_size),
    ):
        top = max(vocab) + 1
        if top != size:
            raise ValueError(
                f"the model's {name} vocabulary has {size} ids but the {domain} "
                f"{name} vocabulary has {top}"
            )
        lists[name] = [_token_name(vocab.get(i, "<PAD>")) for i in range(size)]
    return lists


def export_search_module(
    module, export_dir, model_type, with_vocabularies: bool = True
) -> pathlib.Path:
    """Saves a `SearchModule` as a SavedModel with its assets.

    Args:
      module: the `SearchModule` of a trained model (its `settings` fix E,
        L, T, the ids and the search options).
      export_dir: destination folder (created; must not hold a SavedModel).
      model_type: a `ModelType` (or its spelling), recorded in the asset.
      with_vocabularies: write the vocabulary asset (needs the model's
        vocabulary sizes to be the domain's).

    Returns:
      The export folder.

    Raises:
      FileExistsError: `export_dir` already holds a SavedModel.
      ValueError: vocabulary sizes that do not match the domain's.
    """
    model_type = ModelType.parse(model_type).value
    export_dir = pathlib.Path(export_dir)
    if (export_dir / "saved_model.pb").exists():
        raise FileExistsError(f"{export_dir} already holds a SavedModel")
    cfg = module.model_config
    config = {
        "format_version": FORMAT_VERSION,
        "model_type": model_type,
        "domain": cfg.dataset_type,
        **module.settings.to_dict(),
        "model_config": cfg.to_dict(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        files = {CONFIG_ASSET: config}
        if with_vocabularies:
            files[VOCAB_ASSET] = vocabularies(
                cfg.dataset_type, model_type, cfg.vocab_size, cfg.output_vocab_size
            )
        assets = []
        for name, content in files.items():
            path = os.path.join(tmp, name)
            with open(path, "w") as f:
                json.dump(content, f, indent=1)
            assets.append(tf.saved_model.Asset(path))
        module.assets = assets
        tf.saved_model.save(module, str(export_dir), signatures=module.signatures())
    return export_dir


def export_beam_search_model(
    model, export_dir, model_type, settings, with_vocabularies: bool = True
) -> pathlib.Path:
    """Exports the `SearchModule(model, settings)` of a trained model.

    Args:
      model: an `ExeDecTransformer` with trained weights.
      export_dir, model_type, with_vocabularies: as for `export_search_module`.
      settings: the `SearchSettings`, e.g.
        `SearchSettings.from_experiment(config)`.

    Returns:
      The export folder.
    """
    return export_search_module(
        SearchModule(model, settings), export_dir, model_type, with_vocabularies
    )
