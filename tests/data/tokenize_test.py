"""Tests of exedec_tf.data.tokenize."""

import pytest
import tensorflow as tf

from exedec_tf import domains
from exedec_tf.data.tokenize import Tokenizer


def test_robustfill_spec_ids_match_the_domain_vocabulary():
    tok = Tokenizer("robustfill")
    ids = tok.spec_ids(tf.constant(["aZ9 |", ""])).to_list()
    vocab = {t: i for i, t in domains.get("robustfill").spec_vocab.items()}
    assert ids == [[vocab["a"], vocab["Z"], vocab["9"], vocab[" "], 86], []]
    assert tok.spec_vocab_size == 87 and tok.program_vocab_size == 316


def test_deepcoder_spec_and_program_ids():
    tok = Tokenizer("deepcoder")
    assert tok.spec_ids(tf.constant("x0 = [ -50 50 ]")).numpy().tolist() == [
        42,
        4,
        6,
        52,
        152,
        7,
    ]
    ids = tok.program_ids(tf.constant("x3 = Map (+1) x2"), drop_lhs=True)
    assert ids.numpy().tolist() == [18, 23, 44, 2]
    assert tok.joined_spec_ids(tf.constant(["1", "[ ]"])).numpy().tolist() == [
        103,
        3,
        6,
        7,
        2,
    ]


def test_robustfill_program_ids():
    tok = Tokenizer("robustfill")
    ids = tok.program_ids(tf.constant("5 216 218|4 83"))
    assert ids.numpy().tolist() == [5, 216, 218, 4, 83, 2]


def test_unknown_token_is_reported():
    tok = Tokenizer("deepcoder")
    ids = tok.spec_ids(tf.constant("x0 = [ 51 ]"))
    with pytest.raises(
        tf.errors.InvalidArgumentError, match="deepcoder inputs: unknown token"
    ):
        tok.check_ids(ids, tok.spec_vocab_size, "inputs")
