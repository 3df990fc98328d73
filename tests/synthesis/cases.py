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


# ---- problems that need three or more steps (deep_loop_test) -------------------

# RobustFill: Compose(ToCase(ALL_CAPS), GetToken(WORD, 1)) | Const(.) |
# GetToken(WORD, -1).
RF_DEEP = Problem(
    ("ab.cd", "e.fg", "hi.jk", "lm.no"), ("AB.cd", "E.fg", "HI.jk", "LM.no"), index=5
)
UPPER_WORD = [3, 8, 111, 7, 103, 216]  # Compose(ToCase(ALL_CAPS), GetToken(WORD, 1))
UPPER_CHAR = [3, 8, 111, 7, 109, 216]  # Compose(ToCase(ALL_CAPS), GetToken(CHAR, 1))
CONST_END = [4, 114]  # Const(Boundary.END): decodes, cannot print
DOT_SPAN = [6, 83, 216, 113, 83, 216, 114]  # GetSpan('.', 1, START, '.', 1, END)
LAST_WORD = [7, 103, 214]  # GetToken(WORD, -1)
AFTER_DOT = [12, 83]  # GetFrom('.')
NEXT_TO_LAST_CHAR = [7, 109, 213]  # GetToken(CHAR, -2)
LAST_CHAR = [7, 109, 214]  # GetToken(CHAR, -1)
# Compose(Substitute(NUMBER, 1, Boundary.END), GetToken(WORD, -1)): without a
# number it outputs the last word, but it cannot print, so it is invalid.
UNPRINTABLE_LAST_WORD = [3, 15, 102, 216, 114, 7, 103, 214]


def rf_deep_models():
    """SpecDecomposer and Synthesizer for RF_DEEP (ground truth: three steps).

    Step 1: the GetToken(CHAR, 1) program achieves the subgoal AB|E|HI|LM on
    example 2 only; its output is still a prefix, so it lives on with the
    remaining outputs recomputed by execution, and becomes invalid at step 2.
    The empty program (EOS alone) and Const(Boundary.END) are invalid.
    Step 2: Const(.) and a GetSpan have equal traces (discard). Step 3:
    GetToken(WORD, -1) and GetFrom('.') again, and an unprintable program
    with the same outputs that the original counts as invalid; the c|f|j|n
    subgoal needs a fourth step.
    """
    tokens = RF_OPS.spec_tokens
    spec = ScriptedBeamModel(
        RF_OPS,
        {
            RF_DEEP.outputs: [
                (tokens("AB|E|HI|LM"), -0.1),
                (tokens("AB.|E.|HI.|LM."), -0.9),
            ],
            (".cd", ".fg", ".jk", ".no"): [(tokens(".|.|.|."), -0.2)],
            ("B.cd", ".fg", "I.jk", "M.no"): [(tokens("B.|.|I.|M."), -0.3)],
            ("cd", "fg", "jk", "no"): [
                (tokens("cd|fg|jk|no"), -0.1),
                (tokens("c|f|j|n"), -0.4),
            ],
            ("d", "g", "k", "o"): [(tokens("d|g|k|o"), -0.1)],
        },
        max_decode_length=16,
    )
    synth = ScriptedBeamModel(
        RF_OPS,
        {
            ("AB", "E", "HI", "LM"): [
                (UPPER_WORD, -0.1),
                (UPPER_CHAR, -0.5),
                ([], -2.0),
            ],
            ("AB.", "E.", "HI.", "LM."): [(CONST_END, -0.1)],
            (".", ".", ".", "."): [(DOT, -0.2), (DOT_SPAN, -0.3)],
            ("B.", ".", "I.", "M."): [(DOT, -0.1)],
            ("cd", "fg", "jk", "no"): [
                (LAST_WORD, -0.1),
                (UNPRINTABLE_LAST_WORD, -0.15),
                (AFTER_DOT, -0.2),
            ],
            ("c", "f", "j", "n"): [(NEXT_TO_LAST_CHAR, -0.1)],
            ("d", "g", "k", "o"): [(LAST_CHAR, -0.1)],
        },
    )
    return spec, synth


# DeepCoder: x1 = Map (*2) x0 | x2 = Map (*2) x1 | x3 = Maximum x2.
DC_DEEP_INPUTS = ("x0 = [ 1 -2 3 ]", "x0 = [ 2 ]", "x0 = [ 0 2 ]")
DC_DEEP = Problem(
    DC_DEEP_INPUTS,
    ("12", "8", "8"),
    index=6,
    program="x0 = INPUT | x1 = Map (*2) x0 | x2 = Map (*2) x1 | x3 = Maximum x2",
)


def _grow(states, variable, values):
    return tuple(f"{s} | {variable} = {v}" for s, v in zip(states, values, strict=True))


DC_DEEP_X1 = ("[ 2 -4 6 ]", "[ 4 ]", "[ 0 4 ]")
DC_DEEP_X1_SQUARED = ("[ 1 4 9 ]", "[ 4 ]", "[ 0 4 ]")  # Map (**2) x0
DC_DEEP_X2 = ("[ 4 -8 12 ]", "[ 8 ]", "[ 0 8 ]")
DC_DEEP_S1 = _grow(DC_DEEP_INPUTS, "x1", DC_DEEP_X1)
DC_DEEP_S1_SQUARED = _grow(DC_DEEP_INPUTS, "x1", DC_DEEP_X1_SQUARED)
DC_DEEP_S2 = _grow(DC_DEEP_S1, "x2", DC_DEEP_X2)


def dc_deep_models():
    """SpecDecomposer and Synthesizer for DC_DEEP (ground truth: three steps).

    Step 1: Map (**2) x0 achieves the subgoal on examples 2 and 3 only; with
    execution its lineage continues from the executed state and dies at step
    2, where Map (**2) x1 overflows (81) on example 1. A two-part subgoal is
    invalid. Step 2: Map (*2) x1 and ZipWith (+) x1 x1 have equal traces
    (discard); step 3: Maximum x2 and Last x2 too.
    """
    tokens = DC_OPS.spec_tokens
    outputs = DC_DEEP.outputs
    spec = ScriptedBeamModel(
        DC_OPS,
        {
            (DC_DEEP_INPUTS, outputs): [
                (tokens(" | ".join(DC_DEEP_X1)), -0.1),
                (tokens("[ 2 -4 6 ] | [ 4 ]"), -0.7),
            ],
            (DC_DEEP_S1, outputs): [(tokens(" | ".join(DC_DEEP_X2)), -0.1)],
            (DC_DEEP_S1_SQUARED, outputs): [
                (tokens("[ 2 8 18 ] | [ 8 ] | [ 0 8 ]"), -0.2)
            ],
            (DC_DEEP_S2, outputs): [(tokens("12 | 8 | 8"), -0.1)],
        },
        max_decode_length=16,
        num_examples=3,
        spec_length=40,
        key_fn=_both,
    )
    synth = ScriptedBeamModel(
        DC_OPS,
        {
            (DC_DEEP_INPUTS, DC_DEEP_X1): [
                (tokens("Map (*2) x0"), -0.1),
                (tokens("Map (**2) x0"), -0.6),
            ],
            (DC_DEEP_S1, DC_DEEP_X2): [
                (tokens("Map (*2) x1"), -0.2),
                (tokens("ZipWith (+) x1 x1"), -0.3),
            ],
            (DC_DEEP_S1_SQUARED, ("[ 2 8 18 ]", "[ 8 ]", "[ 0 8 ]")): [
                (tokens("Map (**2) x1"), -0.1)
            ],
            (DC_DEEP_S2, outputs): [
                (tokens("Maximum x2"), -0.1),
                (tokens("Last x2"), -0.2),
            ],
        },
        num_examples=3,
        spec_length=40,
        key_fn=_both,
    )
    return spec, synth


def rf_deep_joint_model():
    """A joint model for RF_DEEP, keyed by the remaining outputs."""
    return ScriptedBeamModel(
        RF_OPS,
        {
            RF_DEEP.outputs: [
                (UPPER_WORD, -0.1),
                (UPPER_CHAR, -0.5),
                (CONST_END, -0.3),
            ],
            (".cd", ".fg", ".jk", ".no"): [(DOT, -0.2), (DOT_SPAN, -0.3)],
            ("B.cd", ".fg", "I.jk", "M.no"): [(DOT, -0.1)],
            ("cd", "fg", "jk", "no"): [
                (LAST_WORD, -0.1),
                (UNPRINTABLE_LAST_WORD, -0.15),
                (AFTER_DOT, -0.2),
                (NEXT_TO_LAST_CHAR, -0.4),
            ],
            ("d", "g", "k", "o"): [(LAST_CHAR, -0.1)],
        },
    )
