"""Exports a trained ExeDec model as a SavedModel with named signatures.

The SavedModel holds the `BeamSearchExportModule` signatures (`beam_search`,
`encode`, `decode_logits`) and two assets: `exedec_config.json` (the model
config, model type, E/L/T, special ids) and `vocabularies.json` (the
id -> token lists of the spec and output vocabularies). It loads with plain
`tf.saved_model.load` (no `exedec_tf` import needed) and with
`saved_model_cli`, the loader TF Serving uses.
"""

import json
import os
import pathlib
import tempfile

import tensorflow as tf

from exedec_tf.serving.export_module import BeamSearchExportModule

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


def export_beam_search_model(
    model,
    export_dir,
    model_type: str,
    num_examples: int,
    spec_length: int,
    max_decode_length: int,
    alpha: float = 0.0,
    bos_token: int = 1,
    eos_token: int = 2,
    cached: bool = True,
    jit_compile: bool = True,
    with_vocabularies: bool = True,
) -> pathlib.Path:
    """Writes the SavedModel of one model.

    Args:
      model: an `ExeDecTransformer` with trained weights.
      export_dir: destination folder (created; must not hold a SavedModel).
      model_type: e.g. "synthesizer_model" (recorded in the config asset).
      num_examples: E.
      spec_length: L of the signatures (configs: `inference.spec_length`).
      max_decode_length: T.
      alpha: brevity-penalty exponent.
      bos_token: BOS id.
      eos_token: EOS id.
      cached: key/value-cached decoding inside the search.
      jit_compile: XLA-compile the search.
      with_vocabularies: write the vocabulary asset (needs the model's
        vocabulary sizes to be the domain's).

    Returns:
      The export folder.

    Raises:
      FileExistsError: `export_dir` already holds a SavedModel.
      ValueError: bad lengths, or vocabulary sizes that do not match.
    """
    for name, value, low in (
        ("num_examples", num_examples, 1),
        ("spec_length", spec_length, 1),
        ("max_decode_length", max_decode_length, 2),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValueError(f"{name} must be an int >= {low}, got {value!r}")
    export_dir = pathlib.Path(export_dir)
    if (export_dir / "saved_model.pb").exists():
        raise FileExistsError(f"{export_dir} already holds a SavedModel")
    cfg = model.config
    module = BeamSearchExportModule(
        model,
        num_examples,
        spec_length,
        max_decode_length,
        alpha=alpha,
        bos_token=bos_token,
        eos_token=eos_token,
        cached=cached,
        jit_compile=jit_compile,
    )
    config = {
        "format_version": FORMAT_VERSION,
        "model_type": model_type,
        "domain": cfg.dataset_type,
        "num_examples": num_examples,
        "spec_length": spec_length,
        "max_decode_length": max_decode_length,
        "vocab_size": cfg.output_vocab_size,
        "spec_vocab_size": cfg.vocab_size,
        "alpha": alpha,
        "bos_token": bos_token,
        "eos_token": eos_token,
        "cached": cached,
        "jit_compile": jit_compile,
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
