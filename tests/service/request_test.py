"""Checking request bodies: every refusal names its field."""

import json

import pytest

from exedec_tf.service.request import parse_request
from exedec_tf.service.settings import ServiceSettings
from tests.service.helpers import RF_EXAMPLES, body, rf_engine
from tests.synthesis import cases

ENGINE = rf_engine()
SETTINGS = ServiceSettings(max_value_chars=30, max_examples=6)


def _parse(data, settings=SETTINGS):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return parse_request(raw, ENGINE, settings)


def test_a_valid_request_and_its_defaults():
    request = _parse(body())
    assert request.problem.inputs == cases.RF_PROBLEM.inputs
    assert request.problem.outputs == cases.RF_PROBLEM.outputs
    assert request.pairs == tuple((e["input"], e["output"]) for e in RF_EXAMPLES)
    assert (request.beam_size, request.timeout_s) == (10, 60.0)
    request = _parse(body(beam_size=3, timeout_s=2))
    assert (request.beam_size, request.timeout_s) == (3, 2.0)


def _with(n, **item):
    examples = [dict(e) for e in RF_EXAMPLES]
    examples[n] = item
    return body(examples)


@pytest.mark.parametrize(
    "data, status, field, message",
    [
        (b"{not json", 400, "body", "not valid JSON"),
        (b"\xff\xfe", 400, "body", "not UTF-8"),
        (b"[" * 100000, 400, "body", "nested too deeply"),
        ([1, 2], 400, "body", "expected a JSON object, got a list"),
        ({**body(), "beam": 3}, 400, "beam", "unknown field"),
        ({"examples": RF_EXAMPLES}, 400, "domain", "required string, got null"),
        (body() | {"domain": "deepcoder"}, 422, "domain", "serves robustfill"),
        (body() | {"examples": "ab"}, 400, "examples", "required list, got a string"),
        (body() | {"examples": []}, 400, "examples", "expected 1 to 6 examples"),
        (body(RF_EXAMPLES * 2), 413, "examples", "got 8"),
        (body(RF_EXAMPLES[:3]), 422, "examples", "take exactly 4 examples, got 3"),
        (_with(1, input="ab"), 400, "examples[1]", 'keys "input" and "output"'),
        (body(RF_EXAMPLES[:3] + [7]), 400, "examples[3]", "got an integer"),
        (_with(2, input="a" * 40, output="b"), 413, "examples[2].input", "limit is 30"),
        (_with(0, input=5, output="b"), 422, "examples[0]", "must be a string"),
        (_with(3, input="héllo", output="b"), 422, "examples[3]", "character 'é'"),
        (
            _with(0, input="a" * 28, output="b"),
            422,
            "examples[0].input",
            "spec length 24",
        ),
        (body(beam_size="3"), 400, "beam_size", "expected an integer, got a string"),
        (body(beam_size=True), 400, "beam_size", "got a boolean"),
        (body(beam_size=0), 400, "beam_size", "must be in [1, 64], got 0"),
        (body(timeout_s=-1), 400, "timeout_s", "must be in (0, 600.0]"),
        (body(timeout_s=[1]), 400, "timeout_s", "expected a number, got a list"),
    ],
)
def test_bad_requests(data, status, field, message):
    from exedec_tf.service.errors import RequestError

    with pytest.raises(RequestError) as caught:
        _parse(data)
    assert (caught.value.status, caught.value.field) == (status, field)
    assert message in str(caught.value)
    assert str(caught.value).startswith(field + ": ")


def test_deepcoder_examples_as_text_or_json():
    from exedec_tf.service.engine import Engine

    spec, synth = cases.dc_models()
    engine = Engine(
        cases.DC, {"spec_decomposer": spec, "synthesizer": synth}, "separate"
    )
    examples = [
        {"input": "[1, 2, 3]", "output": "12"},
        {"input": [[4]], "output": 8},
        {"input": "[-1]", "output": "-2"},
    ]
    data = {"domain": "deepcoder", "examples": examples}
    request = parse_request(json.dumps(data).encode(), engine, SETTINGS)
    assert request.problem.inputs == cases.DC_INPUTS
    assert request.problem.outputs == cases.DC_PROBLEM.outputs
