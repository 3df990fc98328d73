"""Export -> load (in process, fresh process, saved_model_cli) -> same beams."""

import json
import shutil
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.configs.registry import get_config
from exedec_tf.decoding import BeamSearchInputError, SearchSettings
from exedec_tf.models import create_model
from exedec_tf.serving import (
    export_beam_search_model,
    load_beam_search_model,
    read_export_config,
)
from tests.decoding.numpy_beam_search_test import keras_searcher
from tests.models.tiny import randomise_weights
from tests.test_case import seeded

CONFIG = "robustfill_spec_decomposer_tiny"
E, L, T = 4, 9, 8


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    config = get_config(CONFIG)
    model = create_model(config.model_type, config.model)
    randomise_weights(model, seeded(0))
    path = tmp_path_factory.mktemp("export") / "spec"
    export_beam_search_model(model, path, config.model_type, _settings(model))
    return model, path


def _settings(model, **changes):
    lengths = dict(num_examples=E, spec_length=L, max_decode_length=T)
    lengths.update(changes)
    return SearchSettings.for_model(model, **lengths)


def _args(batch=1, beam=3, seed=1):
    rng = seeded(seed)
    specs = rng.integers(3, 87, (2, batch, beam, E, L)).astype(np.int32)
    specs[..., L - 2 :] = 0
    scores = np.full((batch, beam), -1e7, np.float32)
    scores[:, 0] = 0.0
    finished = np.zeros((batch, beam), bool)
    finished[:, -1] = True
    return specs[0], specs[1], scores, finished


def test_loader_matches_the_in_process_search(exported):
    model, path = exported
    loaded = load_beam_search_model(path)
    assert (loaded.num_examples, loaded.spec_length) == (E, L)
    assert (loaded.max_decode_length, loaded.vocab_size) == (T, 87)
    want = keras_searcher(model, E, L, T).beam_search(*_args())
    for args in (_args(), _args(batch=2, beam=1, seed=2)):
        got = loaded.beam_search(*args)
        if args[0].shape[:2] == (1, 3):
            np.testing.assert_array_equal(got[0], want[0])
            np.testing.assert_array_equal(got[2], want[2])
            np.testing.assert_allclose(got[1], want[1], rtol=1e-5, atol=1e-4)
        assert got[0].shape == args[0].shape[:2] + (T - 1,)


def test_encode_and_decode_logits_signatures(exported):
    model, path = exported
    signatures = tf.saved_model.load(str(path)).signatures
    inputs, outputs, _, _ = _args()
    encoded = signatures["encode"](
        inputs=tf.constant(inputs[0]), outputs=tf.constant(outputs[0])
    )
    programs = seeded(3).integers(0, 87, (3, T)).astype(np.int32)
    programs[:, 0] = 1
    logits = signatures["decode_logits"](
        programs=tf.constant(programs),
        encoded=encoded["encoded"],
        mask=encoded["mask"],
    )["logits"]
    want = model.decode(
        programs, model.encode(inputs[0], outputs[0]), outputs[0] > 0, shift=False
    )
    np.testing.assert_allclose(logits, want, rtol=1e-5, atol=1e-5)


def test_assets(exported):
    _, path = exported
    config = read_export_config(path)
    assert config["model_type"] == "spec_decomposer_model"
    assert (config["num_examples"], config["spec_length"]) == (E, L)
    assert config["model_config"]["aligned_relative_attention"] is True
    vocab = json.loads((path / "assets" / "vocabularies.json").read_text())
    assert len(vocab["spec"]) == len(vocab["output"]) == 87
    assert vocab["spec"][:3] == ["<PAD>", "BOS", "EOS"] and vocab["spec"][86] == "|"


def test_fresh_process_without_exedec_tf(exported, tmp_path):
    model, path = exported
    inputs, outputs, scores, finished = _args()
    np.savez(tmp_path / "args.npz", i=inputs, o=outputs, s=scores, f=finished)
    script = textwrap.dedent(
        f"""
        import sys
        import numpy as np
        import tensorflow as tf
        a = np.load({str(tmp_path / "args.npz")!r})
        m = tf.saved_model.load({str(path)!r})
        r = m.signatures["beam_search"](
            inputs=tf.constant(a["i"]), outputs=tf.constant(a["o"]),
            init_scores=tf.constant(a["s"]), init_finished=tf.constant(a["f"]))
        enc = m.signatures["encode"](
            inputs=tf.constant(a["i"][0]), outputs=tf.constant(a["o"][0]))
        np.savez({str(tmp_path / "out.npz")!r}, encoded=enc["encoded"].numpy(),
                 **{{k: v.numpy() for k, v in r.items()}})
        assert not any(n.startswith("exedec_tf") for n in sys.modules), "imported"
        """
    )
    subprocess.run(
        [sys.executable, "-c", script], check=True, cwd=tmp_path, capture_output=True
    )
    out = np.load(tmp_path / "out.npz")
    want = keras_searcher(model, E, L, T).beam_search(inputs, outputs, scores, finished)
    np.testing.assert_array_equal(out["seqs"], want[0])
    np.testing.assert_array_equal(out["origin"], want[2])
    np.testing.assert_allclose(out["scores"], want[1], rtol=1e-5, atol=1e-4)
    encoded = model.encode(inputs[0], outputs[0])
    np.testing.assert_allclose(out["encoded"], encoded, rtol=1e-5, atol=1e-5)


def _cli():
    return str(__import__("pathlib").Path(sys.executable).parent / "saved_model_cli")


def test_saved_model_cli_show_and_run(exported, tmp_path):
    model, path = exported
    shown = subprocess.run(
        [_cli(), "show", "--all", "--dir", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for name in ("beam_search", "encode", "decode_logits"):
        assert f"signature_def['{name}']" in shown
    assert f"shape: (-1, -1, {E}, {L})" in shown
    inputs, outputs, scores, finished = _args()
    for name, value in (("i", inputs), ("o", outputs), ("s", scores), ("f", finished)):
        np.save(tmp_path / f"{name}.npy", value)
    feeds = ";".join(
        f"{key}={tmp_path / name}.npy"
        for key, name in (
            ("inputs", "i"),
            ("outputs", "o"),
            ("init_scores", "s"),
            ("init_finished", "f"),
        )
    )
    out_dir = tmp_path / "out"
    subprocess.run(
        [_cli(), "run", "--dir", str(path), "--tag_set", "serve"]
        + ["--signature_def", "beam_search", "--inputs", feeds]
        + ["--outdir", str(out_dir)],
        check=True,
        capture_output=True,
    )
    want = keras_searcher(model, E, L, T).beam_search(inputs, outputs, scores, finished)
    np.testing.assert_array_equal(np.load(out_dir / "seqs.npy"), want[0])
    np.testing.assert_array_equal(np.load(out_dir / "origin.npy"), want[2])


def test_signature_rejects_bad_input_with_named_errors(exported):
    _, path = exported
    loaded = tf.saved_model.load(str(path))
    search = loaded.signatures["beam_search"]
    inputs, outputs, scores, finished = _args()
    bad = inputs.copy()
    bad[0, 0, 0, 0] = 87
    with pytest.raises(tf.errors.InvalidArgumentError, match="inputs holds a token"):
        search(
            inputs=tf.constant(bad),
            outputs=tf.constant(outputs),
            init_scores=tf.constant(scores),
            init_finished=tf.constant(finished),
        )
    with pytest.raises(tf.errors.InvalidArgumentError, match="init_scores must have"):
        search(
            inputs=tf.constant(inputs),
            outputs=tf.constant(outputs),
            init_scores=tf.constant(scores[:, :2]),
            init_finished=tf.constant(finished),
        )
    # The restored function first fails to bind, then runs the graph, whose
    # own check names the input and the expected shape.
    with pytest.raises(
        tf.errors.InvalidArgumentError,
        match=rf"inputs must have shape \[B, K, {E}, {L}\]",
    ):
        search(
            inputs=tf.constant(inputs[..., :-1]),
            outputs=tf.constant(outputs),
            init_scores=tf.constant(scores),
            init_finished=tf.constant(finished),
        )
    wrapper = load_beam_search_model(path)
    with pytest.raises(BeamSearchInputError, match=r"inputs must have shape \[B, K"):
        wrapper.beam_search(inputs[..., :-1], outputs, scores, finished)


def test_export_refuses_to_overwrite_and_bad_vocabularies(exported, tmp_path):
    model, path = exported
    with pytest.raises(FileExistsError, match="already holds a SavedModel"):
        export_beam_search_model(model, path, "spec_decomposer_model", _settings(model))
    with pytest.raises(BeamSearchInputError, match="spec_length must be >= 1, got 0"):
        export_beam_search_model(
            model,
            tmp_path / "x",
            "spec_decomposer_model",
            _settings(model, spec_length=0),
        )
    with pytest.raises(ValueError, match="output vocabulary has 87 ids"):
        export_beam_search_model(
            model, tmp_path / "y", "synthesizer_model", _settings(model)
        )


def test_loads_exports_without_a_pad_token_and_refuses_other_formats(
    exported, tmp_path
):
    # Exports written before `pad_token` was recorded load with PAD = 0.
    _, path = exported
    copy = tmp_path / "old"
    shutil.copytree(path, copy)
    asset = copy / "assets" / "exedec_config.json"
    config = json.loads(asset.read_text())
    assert config["pad_token"] == 0
    del config["pad_token"]
    asset.write_text(json.dumps(config))
    assert load_beam_search_model(copy).settings.pad_token == 0
    config["format_version"] = 99
    asset.write_text(json.dumps(config))
    with pytest.raises(ValueError, match="format_version 99, expected 1"):
        load_beam_search_model(copy)


def test_loader_errors_for_a_folder_that_is_not_an_export(tmp_path):
    with pytest.raises(OSError, match="is not an exedec-tf export"):
        load_beam_search_model(tmp_path)


def test_loaded_search_records_its_export(exported):
    _, path = exported
    loaded = load_beam_search_model(path)
    assert loaded.model_type == "spec_decomposer_model"
    assert loaded.export_config["domain"] == "robustfill"
    assert loaded.settings == SearchSettings.from_dict(read_export_config(path))
    with pytest.raises(TypeError, match="not traced in this process"):
        loaded.tracing_count()
