"""The JSON answer of a synthesis."""

import json

from exedec_tf.service.batcher import Job
from exedec_tf.service.engine import Engine
from exedec_tf.service.request import parse_request
from exedec_tf.service.response import synthesis_answer
from exedec_tf.service.settings import ServiceSettings
from exedec_tf.synthesis.options import LoopOptions
from tests.service.helpers import body, rf_engine
from tests.synthesis import cases
from tests.synthesis.fakes import ScriptedBeamModel


def _answer(engine, data):
    request = parse_request(json.dumps(data).encode(), engine, ServiceSettings())
    [outcome] = engine.run([request.problem], request.beam_size, 1)
    job = Job(request.problem, request.beam_size, 10.0, 1.0, started=1.5, batch_size=2)
    return synthesis_answer(request, job, outcome, 0.75, engine.domain), outcome


def test_a_solved_problem():
    answer, outcome = _answer(rf_engine(), body(beam_size=3))
    assert answer["solved"] is True
    assert answer["program"]["dsl"] == "ToCase_Case.ALL_CAPS | Const(.)"
    assert answer["program"]["released"] == "8 111|4 83"
    assert "def program(x):" in answer["program"]["python"]
    assert answer["examples"][1] == {
        "input": "cd",
        "output": "CD.",
        "got": "CD.",
        "satisfied": True,
    }
    assert answer["steps"] == [
        {
            "step": 0,
            "subgoals": ["AB", "CD", "EF", "GH"],
            "program_part": "ToCase_Case.ALL_CAPS",
            "achieved": [True] * 4,
        },
        {
            "step": 1,
            "subgoals": ["."] * 4,
            "program_part": "Const(.)",
            "achieved": [True] * 4,
        },
    ]
    assert answer["timings"] == {
        "queued_s": 0.5,
        "synthesis_s": round(outcome.result.time_s, 6),
        "total_s": 0.75,
        "batch_size": 2,
    }
    json.dumps(answer)  # Plain JSON all the way down.


def test_an_unsolved_problem_marks_each_example():
    # Without invalid detection the program "upper-case, then ." stands,
    # right on three examples and wrong on the fourth.
    script = {
        ("AB.", "CD.", "EF.", "GH!"): [(cases.TO_UPPER, -0.2)],
        (".", ".", ".", "!"): [(cases.DOT, -0.3)],
    }
    options = LoopOptions(detect_invalid=False, discard_repeat_functionality=False)
    engine = Engine(
        cases.RF,
        {"synthesizer": ScriptedBeamModel(cases.RF_OPS, script)},
        "joint",
        options,
    )
    examples = [
        {"input": "ab", "output": "AB."},
        {"input": "cd", "output": "CD."},
        {"input": "ef", "output": "EF."},
        {"input": "gh", "output": "GH!"},
    ]
    answer, _ = _answer(engine, body(examples, beam_size=2))
    assert answer["solved"] is False
    assert answer["program"]["dsl"] == "ToCase_Case.ALL_CAPS | Const(.)"
    assert [e["satisfied"] for e in answer["examples"]] == [True, True, True, False]
    assert answer["examples"][3]["got"] == "GH."


def test_joint_steps_have_parts_but_no_subgoals():
    engine = Engine(cases.RF, {"synthesizer": cases.rf_joint_model()}, "joint")
    answer, _ = _answer(engine, body(beam_size=2))
    assert answer["solved"]
    assert [s["subgoals"] for s in answer["steps"]] == [None, None]
    assert [s["program_part"] for s in answer["steps"]] == [
        "ToCase_Case.ALL_CAPS",
        "Const(.)",
    ]
