from exedec_tf.presets.reference import REFERENCES, reference_figures
from exedec_tf.presets.registry import EXPERIMENTS


def test_figures_are_labelled_third_party_and_cover_every_split():
    for ref in REFERENCES:
        assert ref.source.startswith("third-party")
        assert tuple(ref.accuracy) == EXPERIMENTS
    assert (
        reference_figures("robustfill", "exedec").accuracy["ADD_OP_FUNCTIONALITY"] == 62
    )
    assert reference_figures("deepcoder", "ablation").accuracy["NONE"] == 64.9
    assert reference_figures("robustfill", "baseline") is None
