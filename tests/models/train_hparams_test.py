"""Parsing and writing train.py's hparam string."""

import pytest

from exedec_tf.models.train_hparams import (
    CheckpointConfigError,
    format_hparam_str,
    parse_hparam_str,
)
from tests.models.train_checkpoints import SMALL

PUBLISHED = (
    "adr=0.1,ara=True,dr=0.1,e=NONE,ed=512,hd=1024,l=0.0002,md=200,mpced=800,"
    "npb=32,s=10,scnpr=0.0,ura=True"
)


def test_published_string_round_trips():
    hparams = parse_hparam_str(PUBLISHED)
    assert hparams.embedding_dim == 512 and hparams.lr == 0.0002
    assert hparams.aligned_relative_attention is True and hparams.experiment == "NONE"
    assert format_hparam_str(hparams) == PUBLISHED
    assert format_hparam_str(SMALL).startswith("adr=0.0,ara=False,dr=0.05,e=COMPOSE")


@pytest.mark.parametrize(
    "text, message",
    [
        (PUBLISHED.replace("ed=512", "ed=5x"), r"ed='5x' is not an integer"),
        (PUBLISHED.replace("ura=True", "ura=true"), r"ura='true' is not True or False"),
        (PUBLISHED.replace("e=NONE", "e=FOO"), r"e='FOO' is not an experiment"),
        (PUBLISHED + ",xx=1", r"unknown key 'xx'"),
        (PUBLISHED + ",s=4", r"s given twice"),
        (PUBLISHED.replace(",npb=32", ""), r"missing npb"),
        (PUBLISHED.replace("md=200", "md200"), r"item 'md200' is not abbr=value"),
    ],
)
def test_malformed_strings_name_the_item(text, message):
    with pytest.raises(CheckpointConfigError, match=message):
        parse_hparam_str(text)
