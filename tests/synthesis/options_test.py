"""Loop options: defaults and the refused combinations."""

import pytest

from exedec_tf.synthesis.options import NEG_INF, LoopOptions


def test_defaults_are_the_originals():
    options = LoopOptions()
    assert options.prediction_type == "separate" and options.separate
    assert options.beam_size == 10
    assert options.detect_invalid and options.use_execution
    assert options.discard_repeat_functionality
    assert NEG_INF.dtype.name == "float32" and float(NEG_INF) == -1e7


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {
                "prediction_type": "joint",
                "use_execution": False,
                "discard_repeat_functionality": False,
            },
            "joint.*use_execution",
        ),
        ({"use_execution": False}, "discard_repeat_functionality.*use_execution"),
        ({"detect_invalid": False}, "discard_repeat_functionality.*detect_invalid"),
        ({"prediction_type": "both"}, "prediction_type"),
        ({"beam_size": 0}, "beam_size"),
    ],
)
def test_incompatible_options_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LoopOptions(**kwargs)


def test_allowed_ablations():
    LoopOptions(use_execution=False, discard_repeat_functionality=False)
    LoopOptions(detect_invalid=False, discard_repeat_functionality=False)
    LoopOptions(prediction_type="joint")
