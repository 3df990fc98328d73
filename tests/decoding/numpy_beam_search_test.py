"""Tests of `NumpyBeamSearch` over in-process searches of tiny random models."""

import numpy as np
import pytest
import tensorflow as tf

from exedec_tf.decoding.beam_search import NEG_INF
from exedec_tf.decoding.numpy_beam_search import NumpyBeamSearch
from exedec_tf.decoding.settings import SearchSettings
from exedec_tf.decoding.validation import BeamSearchInputError
from exedec_tf.models import create_model
from exedec_tf.synthesis.beam_model import BeamSearchModel
from tests.models.tiny import randomise_weights, tiny_config
from tests.test_case import seeded

E, L, T = 2, 5, 6
MODEL_TYPES = (
    "spec_decomposer_model",
    "synthesizer_model",
    "joint_model",
    "baseline_model",
)


def tiny_model(model_type, seed=0, eos_bias=2.0):
    """A random tiny model; `eos_bias` raises EOS so that searches end."""
    model = create_model(model_type, tiny_config(model_type))
    randomise_weights(model, seeded(seed))
    bias = model.decoder.logit_dense.bias
    bias.assign(bias.numpy() + eos_bias * np.eye(bias.shape[0])[2])
    return model


def keras_searcher(model, num_examples, spec_length, max_decode_length, **options):
    """The in-process search of `model`; `options` are `SearchSettings` ones."""
    settings = SearchSettings.for_model(
        model,
        num_examples=num_examples,
        spec_length=spec_length,
        max_decode_length=max_decode_length,
        **options,
    )
    return NumpyBeamSearch.for_model(model, settings)


def random_specs(rng, config, batch, beam):
    specs = rng.integers(3, config.vocab_size, (2, batch, beam, E, L))
    for b in range(batch):
        for j in range(beam):
            for e in range(E):
                specs[:, b, j, e, rng.integers(1, L + 1) :] = 0
    return specs[0].astype(np.int32), specs[1].astype(np.int32)


def sequence_logprob(model, inputs, outputs, seq, eos):
    """log P(seq up to its first EOS) from the model's training-mode call.

    Each token is scored with a buffer holding only the tokens before it, as
    in the search: a generated PAD is a fully masked query that averages over
    every position, so later tokens would change its logits.
    """
    tokens = list(seq)
    length = tokens.index(eos) + 1
    total = 0.0
    for t in range(length):
        targets = np.zeros((1, T), np.int32)
        targets[0, :t] = tokens[:t]
        logits = model(
            {"inputs": inputs[None], "outputs": outputs[None], "targets": targets}
        )
        total += tf.nn.log_softmax(logits[0, t]).numpy()[tokens[t]]
    return total


@pytest.mark.parametrize("cached", [False, True])
@pytest.mark.parametrize("model_type", MODEL_TYPES)
def test_scores_are_the_models_log_probs_of_the_origin_slot(model_type, cached):
    rng = seeded(1)
    model = tiny_model(model_type)
    searcher = keras_searcher(model, E, L, T, cached=cached, jit_compile=False)
    inputs, outputs = random_specs(rng, model.config, 2, 3)
    # Slot 1 starts finished; slots 0 and 2 are live with different scores.
    scores = np.array([[-0.5, -3.0, -1.0], [0.0, -2.0, -4.0]], np.float32)
    finished = np.array([[False, True, False], [False, True, False]])
    seqs, got, origin = searcher.beam_search(inputs, outputs, scores, finished)
    assert seqs.shape == (2, 3, T - 1) and seqs.dtype == np.int32
    assert got.dtype == np.float32 and origin.dtype == np.int32
    checked = 0
    for b in range(2):
        assert np.all(np.diff(got[b]) >= 0)  # ascending
        for j in range(3):
            o = origin[b, j]
            if finished[b, o] and not np.any(seqs[b, j]):
                np.testing.assert_allclose(got[b, j], scores[b, o])  # carried
                continue
            if 2 not in seqs[b, j][: T - 2] or got[b, j] < NEG_INF / 2:
                # A filler, or an EOS at the last position, which may have
                # overwritten a token in a clamped iteration (§1.7).
                continue
            full = np.concatenate([[1], seqs[b, j]])
            want = scores[b, o] + sequence_logprob(
                model, inputs[b, o], outputs[b, o], full[1:], 2
            )
            np.testing.assert_allclose(got[b, j], want, rtol=1e-5, atol=1e-4)
            checked += 1
    assert checked >= 2


def test_satisfies_the_protocol_and_does_not_retrace():
    model = tiny_model("synthesizer_model")
    searcher: BeamSearchModel = keras_searcher(model, E, L, T)
    assert (searcher.num_examples, searcher.spec_length) == (E, L)
    assert searcher.max_decode_length == T
    assert searcher.vocab_size == model.config.output_vocab_size
    rng = seeded(2)
    for batch, beam in ((1, 4), (1, 4), (2, 4), (1, 1)):
        inputs, outputs = random_specs(rng, model.config, batch, beam)
        scores = np.full((batch, beam), NEG_INF, np.float32)
        scores[:, 0] = 0.0
        searcher.beam_search(inputs, outputs, scores, np.zeros_like(scores, bool))
    assert searcher.tracing_count() == 1


def _valid_args(config, batch=1, beam=2):
    inputs, outputs = random_specs(seeded(3), config, batch, beam)
    return (
        inputs,
        outputs,
        np.zeros((batch, beam), np.float32),
        np.zeros((batch, beam), bool),
    )


@pytest.mark.parametrize(
    "index, value, message",
    [
        (0, np.zeros((1, 2, E, L + 1), np.int32), r"inputs must have shape \[B, K"),
        (1, np.zeros((1, 2, E), np.int32), r"outputs must have shape \[B, K"),
        (1, np.zeros((1, 3, E, L), np.int32), "like inputs"),
        (0, np.full((1, 2, E, L), 0.5, np.float32), "inputs must have dtype int32"),
        (1, np.full((1, 2, E, L), 99, np.int32), "token id 99, outside"),
        (0, np.full((1, 2, E, L), -1, np.int32), "token id -1, outside"),
        (2, np.zeros((1, 3), np.float32), r"init_scores must have shape \[B, K\]"),
        (3, np.zeros((1, 2), np.int32), "init_finished must have dtype bool"),
        (2, np.array([[0.0, -np.inf]], np.float32), "must be finite"),
    ],
)
def test_bad_input_names_the_argument(index, value, message):
    model = tiny_model("joint_model")
    searcher = keras_searcher(model, E, L, T, jit_compile=False)
    args = list(_valid_args(model.config))
    args[index] = value
    with pytest.raises(BeamSearchInputError, match=message):
        searcher.beam_search(*args)
