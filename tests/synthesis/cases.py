"""Hand-built problems with scripted models, shared by the loop tests."""

from exedec_tf import domains
from exedec_tf.synthesis.records import Problem
from tests.synthesis.fakes import ScriptedBeamModel

RF = domains.get("robustfill")
RF_OPS = RF.loop_ops()
DC = domains.get("deepcoder")
DC_OPS = DC.loop_ops()

# RobustFill: upper-case the input, then append ".".
TO_UPPER = [8, 111]  # ToCase(ALL_CAPS)
FIRST_CHAR = [7, 109, 216]  # GetToken(CHAR, 1)
DOT = [4, 83]  # Const(.)
RF_PROBLEM = Problem(("ab", "cd", "ef", "gh"), ("AB.", "CD.", "EF.", "GH."), index=0)


def rf_models(spec_length=24):
    """SpecDecomposer and Synthesizer that can solve RF_PROBLEM in two steps.

    The second-best subgoal ("A|C|E|G") leads to a program (GetToken) whose
    output is not a prefix of the outputs, so that element becomes invalid.
    """
    spec = ScriptedBeamModel(
        RF_OPS,
        {
            ("AB.", "CD.", "EF.", "GH."): [
                (RF_OPS.spec_tokens("AB|CD|EF|GH"), -0.1),
                (RF_OPS.spec_tokens("A|C|E|G"), -1.0),
            ],
            (".", ".", ".", "."): [(RF_OPS.spec_tokens(".|.|.|."), -0.2)],
        },
        max_decode_length=16,
        spec_length=spec_length,
    )
    synth = ScriptedBeamModel(
        RF_OPS,
        {
            ("AB", "CD", "EF", "GH"): [(TO_UPPER, -0.05)],
            ("A", "C", "E", "G"): [(FIRST_CHAR, -0.3)],
            (".", ".", ".", "."): [(DOT, -0.01)],
        },
        spec_length=spec_length,
    )
    return spec, synth


def rf_joint_model():
    """A joint model keyed by the remaining outputs."""
    return ScriptedBeamModel(
        RF_OPS,
        {
            ("AB.", "CD.", "EF.", "GH."): [(TO_UPPER, -0.2), (FIRST_CHAR, -0.1)],
            (".", ".", ".", "."): [(DOT, -0.3)],
        },
    )


# DeepCoder: x1 = Map (*2) x0 | x2 = Sum x1.
DC_INPUTS = ("x0 = [ 1 2 3 ]", "x0 = [ 4 ]", "x0 = [ -1 ]")
DC_PROBLEM = Problem(DC_INPUTS, ("12", "8", "-2"), index=1)
DC_SUBGOAL1 = ("[ 2 4 6 ]", "[ 8 ]", "[ -2 ]")
DC_STATE2 = tuple(
    f"{s} | x1 = {v}" for s, v in zip(DC_INPUTS, DC_SUBGOAL1, strict=True)
)


def _both(inputs, outputs):
    return inputs, outputs


def dc_models():
    """Models for DC_PROBLEM; step 1 offers two programs with equal traces."""
    spec = ScriptedBeamModel(
        DC_OPS,
        {
            (DC_INPUTS, DC_PROBLEM.outputs): [
                (DC_OPS.spec_tokens("[ 2 4 6 ] | [ 8 ] | [ -2 ]"), -0.2)
            ],
            (DC_STATE2, DC_PROBLEM.outputs): [
                (DC_OPS.spec_tokens("12 | 8 | -2"), -0.2)
            ],
        },
        max_decode_length=16,
        num_examples=3,
        spec_length=40,
        key_fn=_both,
    )
    synth = ScriptedBeamModel(
        DC_OPS,
        {
            (DC_INPUTS, ("[ 2 4 6 ]", "[ 8 ]", "[ -2 ]")): [
                (DC_OPS.spec_tokens("Map (*2) x0"), -0.1),
                (DC_OPS.spec_tokens("ZipWith (+) x0 x0"), -0.4),
            ],
            (DC_STATE2, DC_PROBLEM.outputs): [(DC_OPS.spec_tokens("Sum x1"), -0.05)],
        },
        num_examples=3,
        spec_length=40,
        key_fn=_both,
    )
    return spec, synth
