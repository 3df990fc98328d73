"""Tests of the program-target model types (Synthesizer, Joint, Baseline)."""

import pytest

from exedec_tf.models import BaselineModel, JointModel, ProgramModel, Synthesizer
from tests.models.tiny import tiny_config


@pytest.mark.parametrize("cls", [Synthesizer, JointModel, BaselineModel])
def test_rejects_aligned_attention(cls):
    assert issubclass(cls, ProgramModel)
    config = tiny_config("joint_model", aligned_relative_attention=True)
    with pytest.raises(ValueError, match="aligned_relative_attention"):
        cls(config)


def test_program_vocabulary_may_differ():
    model = Synthesizer(tiny_config("synthesizer_model"))
    assert model.config.output_vocab_size == 25
    assert model.config.vocab_size == 20
