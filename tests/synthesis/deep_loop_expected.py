"""What the original end-to-end loop produced on the deep_loop_test problems.

Recorded by running the original `end_to_end_predict.py` main loop with the
same scripted model outputs (see deep_loop_test's docstring); beam size 4.
"""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Expected:
    """What the original loop produced (beam: program, score, valid, finished)."""

    success: bool
    num_steps: int
    solution: str
    beam: list
    calls: list
    printed_solution: str | None = None  # the original's str(program)


# The original records str(program) as the solution; ours is the released form.
RF_PRINTED = (
    "ToCase_Case.ALL_CAPS(GetToken_Type.WORD_1) | Const(.) | GetToken_Type.WORD_-1"
)


RF_SEPARATE = Expected(
    success=True,
    num_steps=6,
    solution="3 8 111 7 103 216|4 83|7 103 214",
    printed_solution=RF_PRINTED,
    beam=[
        ("3 8 111 7 103 216|4 83|7 109 213", -20000000.0, False, True),
        ("3 8 111 7 103 216|4 83|7 109 213|7 109 214", -10000000.0, True, True),
        ("3 8 111 7 103 216|4 83|7 109 213|7 109 214", -1.3000000715255737, True, True),
        ("3 8 111 7 103 216|4 83|7 103 214", -0.8000000715255737, True, True),
    ],
    calls=[
        (
            "spec",
            [0.0, -10000000.0, -10000000.0, -10000000.0],
            [False, True, True, True],
        ),
        (
            "synth",
            [-20000000.0, -20000000.0, -0.8999999761581421, -0.10000000149011612],
            [True, True, False, False],
        ),
        (
            "spec",
            [-10000002.0, -10000001.0, -0.6000000238418579, -0.20000000298023224],
            [True, True, False, False],
        ),
        (
            "synth",
            [-20000000.0, -20000000.0, -0.9000000357627869, -0.4000000059604645],
            [True, True, False, False],
        ),
        (
            "spec",
            [-10000000.0, -10000001.0, -10000001.0, -0.6000000238418579],
            [False, True, True, False],
        ),
        (
            "synth",
            [-20000000.0, -20000000.0, -1.0, -0.7000000476837158],
            [True, True, False, False],
        ),
        (
            "spec",
            [-1.100000023841858, -10000001.0, -10000001.0, -0.8000000715255737],
            [False, True, True, True],
        ),
        (
            "synth",
            [-20000000.0, -20000000.0, -1.2000000476837158, -0.8000000715255737],
            [True, True, False, True],
        ),
        (
            "spec",
            [-30000000.0, -10000000.0, -1.3000000715255737, -0.8000000715255737],
            [True, False, True, True],
        ),
        (
            "synth",
            [-10000000.0, -20000000.0, -1.3000000715255737, -0.8000000715255737],
            [False, True, True, True],
        ),
        (
            "spec",
            [-10000000.0, -10000000.0, -1.3000000715255737, -0.8000000715255737],
            [True, False, True, True],
        ),
    ],
)
RF_NO_EXECUTION = Expected(
    success=True,
    num_steps=3,
    solution="3 8 111 7 103 216|4 83|7 103 214",
    printed_solution=RF_PRINTED,
    beam=[
        (
            "3 8 111 7 103 216|6 83 216 113 83 216 114|7 103 214",
            -0.9000000953674316,
            True,
            True,
        ),
        ("3 8 111 7 103 216|4 83|12 83", -0.9000000357627869, True, True),
        (None, -10000001.0, False, True),
        ("3 8 111 7 103 216|4 83|7 103 214", -0.8000000715255737, True, True),
    ],
    calls=[
        (
            "spec",
            [0.0, -10000000.0, -10000000.0, -10000000.0],
            [False, True, True, True],
        ),
        (
            "synth",
            [-20000000.0, -20000000.0, -0.8999999761581421, -0.10000000149011612],
            [True, True, False, False],
        ),
        (
            "spec",
            [
                -2.0999999046325684,
                -10000001.0,
                -0.6000000238418579,
                -0.20000000298023224,
            ],
            [False, True, False, False],
        ),
        (
            "synth",
            [-20000000.0, -2.299999952316284, -0.800000011920929, -0.4000000059604645],
            [True, False, False, False],
        ),
        (
            "spec",
            [-1.100000023841858, -1.0, -0.7000000476837158, -0.6000000238418579],
            [False, False, False, False],
        ),
        (
            "synth",
            [-1.100000023841858, -1.0, -0.8000000715255737, -0.7000000476837158],
            [False, False, False, False],
        ),
    ],
)
RF_JOINT = Expected(
    success=True,
    num_steps=20,
    solution="3 8 111 7 103 216|4 83|7 103 214",
    printed_solution=RF_PRINTED,
    beam=[
        ("3 8 111 7 103 216|4 83|7 109 213", -10000000.0, True, False),
        ("3 8 111 7 103 216|4 83|7 109 213|7 109 214", -10000000.0, True, True),
        ("3 8 111 7 103 216|4 83|7 109 213|7 109 214", -0.8000000715255737, True, True),
        ("3 8 111 7 103 216|4 83|7 103 214", -0.4000000059604645, True, True),
    ],
    calls=[
        (
            "synth",
            [0.0, -10000000.0, -10000000.0, -10000000.0],
            [False, True, True, True],
        ),
        (
            "synth",
            [-20000000.0, -0.5, -10000000.0, -0.10000000149011612],
            [True, False, True, False],
        ),
        (
            "synth",
            [-10000000.0, -10000001.0, -10000000.0, -0.30000001192092896],
            [False, True, True, False],
        ),
        (
            "synth",
            [-0.7000000476837158, -10000000.0, -10000000.0, -0.4000000059604645],
            [False, True, True, True],
        ),
        (
            "synth",
            [-20000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [True, False, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [True, False, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [False, True, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [True, False, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [False, True, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [True, False, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [False, True, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [True, False, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [False, True, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [True, False, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [False, True, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [True, False, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [False, True, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [True, False, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [False, True, True, True],
        ),
        (
            "synth",
            [-10000000.0, -10000000.0, -0.8000000715255737, -0.4000000059604645],
            [True, False, True, True],
        ),
    ],
)
DC_SEPARATE = Expected(
    success=True,
    num_steps=4,
    solution="x0 = INPUT | x1 = Map (*2) x0 | x2 = Map (*2) x1 | x3 = Maximum x2",
    beam=[
        (
            "x0 = INPUT | x1 = Map (**2) x0 | x2 = Map (**2) x1",
            -40000000.0,
            False,
            True,
        ),
        (
            "x0 = INPUT | x1 = Map (*2) x0 | x2 = Map (*2) x1 | x3 = Last x2",
            -20000000.0,
            False,
            True,
        ),
        ("x0 = INPUT | x1 = Map (*2) x0 | x2 = Map (*2) x1", -20000000.0, False, True),
        (
            "x0 = INPUT | x1 = Map (*2) x0 | x2 = Map (*2) x1 | x3 = Maximum x2",
            -0.7000000476837158,
            True,
            True,
        ),
    ],
    calls=[
        (
            "spec",
            [0.0, -10000000.0, -10000000.0, -10000000.0],
            [False, True, True, True],
        ),
        (
            "synth",
            [-20000000.0, -20000000.0, -10000001.0, -0.10000000149011612],
            [True, True, True, False],
        ),
        (
            "spec",
            [-20000000.0, -10000000.0, -0.7000000476837158, -0.20000000298023224],
            [True, False, False, False],
        ),
        (
            "synth",
            [-20000000.0, -20000000.0, -0.9000000357627869, -0.30000001192092896],
            [True, True, False, False],
        ),
        (
            "spec",
            [-10000000.0, -10000001.0, -10000001.0, -0.5],
            [False, True, True, False],
        ),
        (
            "synth",
            [-20000000.0, -20000000.0, -20000000.0, -0.6000000238418579],
            [True, True, True, False],
        ),
        (
            "spec",
            [-30000000.0, -10000000.0, -10000001.0, -0.7000000476837158],
            [True, False, True, True],
        ),
    ],
)
DC_NO_EXECUTION = Expected(
    success=True,
    num_steps=4,
    solution="x0 = INPUT | x1 = Map (*2) x0 | x2 = ZipWith (+) x1 x1 | x3 = Last x2",
    beam=[
        (
            "x0 = INPUT | x1 = Map (*2) x0 | x2 = Map (*2) x1 | x3 = Maximum x2",
            -20000000.0,
            False,
            True,
        ),
        (
            "x0 = INPUT | x1 = Map (*2) x0 | x2 = Map (*2) x1 | x3 = Last x2",
            -20000000.0,
            False,
            True,
        ),
        (
            "x0 = INPUT | x1 = Map (*2) x0 | x2 = ZipWith (+) x1 x1 | x3 = Maximum x2",
            -20000000.0,
            False,
            True,
        ),
        (
            "x0 = INPUT | x1 = Map (*2) x0 | x2 = ZipWith (+) x1 x1 | x3 = Last x2",
            -20000000.0,
            False,
            True,
        ),
    ],
    calls=[
        (
            "spec",
            [0.0, -10000000.0, -10000000.0, -10000000.0],
            [False, True, True, True],
        ),
        (
            "synth",
            [-20000000.0, -20000000.0, -10000001.0, -0.10000000149011612],
            [True, True, True, False],
        ),
        (
            "spec",
            [-20000000.0, -10000000.0, -0.7000000476837158, -0.20000000298023224],
            [True, False, False, False],
        ),
        (
            "synth",
            [-20000000.0, -20000000.0, -0.8000000715255737, -0.30000001192092896],
            [True, True, False, False],
        ),
        (
            "spec",
            [-1.1000001430511475, -1.0000001192092896, -0.6000000238418579, -0.5],
            [False, False, False, False],
        ),
        (
            "synth",
            [
                -1.2000001668930054,
                -1.1000001430511475,
                -0.7000000476837158,
                -0.6000000238418579,
            ],
            [False, False, False, False],
        ),
        (
            "spec",
            [
                -0.9000000357627869,
                -0.8000000715255737,
                -0.800000011920929,
                -0.7000000476837158,
            ],
            [False, False, False, False],
        ),
    ],
)
