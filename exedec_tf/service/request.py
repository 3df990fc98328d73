"""The body of `POST /v1/synthesize`, checked field by field.

Every refusal is a `RequestError` naming the field (`examples[1].output`),
raised before the request reaches the queue, so bad input never costs the
models any work.
"""

import dataclasses
import json
import math

from exedec_tf.domains.loop_ops import SpecEncodingError
from exedec_tf.service.errors import RequestError
from exedec_tf.service.settings import ServiceSettings
from exedec_tf.synthesis.records import Problem

FIELDS = ("domain", "examples", "beam_size", "timeout_s")


@dataclasses.dataclass(frozen=True)
class SynthesisRequest:
    """One checked request.

    Attributes:
      problem: the examples in the released string encodings.
      pairs: the examples as the client sent them (echoed in the answer).
      beam_size: K of the loop.
      timeout_s: the deadline, counted from arrival.
    """

    problem: Problem
    pairs: tuple
    beam_size: int
    timeout_s: float


def parse_body(body: bytes) -> dict:
    """The JSON object of a request body.

    Raises:
      RequestError: the body is not UTF-8 JSON, or not an object.
    """
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise RequestError("body", f"not UTF-8 ({error.reason})") from None
    except json.JSONDecodeError as error:
        raise RequestError("body", f"not valid JSON ({error})") from None
    except RecursionError:
        raise RequestError("body", "JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise RequestError("body", f"expected a JSON object, got {_kind(data)}")
    return data


def parse_request(body: bytes, engine, settings: ServiceSettings) -> SynthesisRequest:
    """Checks a request body against the served models and the limits.

    Args:
      body: the raw body.
      engine: the `service.engine.Engine` (its domain, E and L).
      settings: the limits.

    Raises:
      RequestError: naming the first bad field.
    """
    data = parse_body(body)
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise RequestError(
            unknown[0], f"unknown field (the fields are {', '.join(FIELDS)})"
        )
    domain = data.get("domain")
    if not isinstance(domain, str):
        raise RequestError("domain", f"required string, got {_kind(domain)}")
    if domain != engine.domain.name:
        raise RequestError(
            "domain",
            f"this server serves {engine.domain.name} models, not {domain!r}",
            422,
        )
    pairs = _examples(data.get("examples"), engine, settings)
    beam_size = _bounded_int(
        data, "beam_size", settings.default_beam_size, settings.max_beam_size
    )
    timeout_s = _timeout(data, settings)
    return SynthesisRequest(_problem(pairs, engine), pairs, beam_size, timeout_s)


def _examples(examples, engine, settings: ServiceSettings) -> tuple:
    if not isinstance(examples, list):
        raise RequestError("examples", f"required list, got {_kind(examples)}")
    if not 1 <= len(examples) <= settings.max_examples:
        raise RequestError(
            "examples",
            f"expected 1 to {settings.max_examples} examples, got {len(examples)}",
            413 if len(examples) > settings.max_examples else 400,
        )
    pairs = []
    for n, item in enumerate(examples):
        field = f"examples[{n}]"
        if not isinstance(item, dict) or set(item) != {"input", "output"}:
            raise RequestError(
                field,
                'expected an object with exactly the keys "input" and "output", '
                f"got {_kind(item)}"
                + (f" with keys {sorted(item)}" if isinstance(item, dict) else ""),
            )
        for key in ("input", "output"):
            text = json.dumps(item[key])
            if len(text) > settings.max_value_chars:
                raise RequestError(
                    f"{field}.{key}",
                    f"{len(text)} characters (as JSON), the limit is "
                    f"{settings.max_value_chars}",
                    413,
                )
        pairs.append((item["input"], item["output"]))
    if len(pairs) != engine.num_examples:
        raise RequestError(
            "examples",
            f"the served models take exactly {engine.num_examples} examples, "
            f"got {len(pairs)}",
            422,
        )
    return tuple(pairs)


def _problem(pairs, engine) -> Problem:
    """The examples in the released encodings, each string fitting the spec."""
    ops = engine.domain.loop_ops()
    inputs, outputs = [], []
    for n, (given_input, given_output) in enumerate(pairs):
        try:
            text_in, text_out = ops.parse_user_example(given_input, given_output)
        except SpecEncodingError as error:
            raise RequestError(f"examples[{n}]", str(error), 422) from None
        except (RecursionError, MemoryError, ValueError, TypeError) as error:
            raise RequestError(
                f"examples[{n}]", f"cannot parse ({type(error).__name__})", 422
            ) from None
        for key, text in (("input", text_in), ("output", text_out)):
            try:
                ops.encode_spec(text, engine.spec_length, False, strict=True)
            except SpecEncodingError as error:
                raise RequestError(f"examples[{n}].{key}", str(error), 422) from None
        inputs.append(text_in)
        outputs.append(text_out)
    if len({ops.num_inputs([i]) for i in inputs}) > 1:
        raise RequestError(
            "examples", "all examples must have the same number of inputs", 422
        )
    return Problem(tuple(inputs), tuple(outputs))


def _bounded_int(data: dict, name: str, default: int, largest: int) -> int:
    value = data.get(name, default)
    if type(value) is not int:
        raise RequestError(name, f"expected an integer, got {_kind(value)}")
    if not 1 <= value <= largest:
        raise RequestError(name, f"must be in [1, {largest}], got {value}")
    return value


def _timeout(data: dict, settings: ServiceSettings) -> float:
    value = data.get("timeout_s", settings.default_timeout_s)
    if type(value) not in (int, float) or not math.isfinite(value):
        raise RequestError("timeout_s", f"expected a number, got {_kind(value)}")
    if not 0 < value <= settings.max_timeout_s:
        raise RequestError(
            "timeout_s", f"must be in (0, {settings.max_timeout_s}], got {value}"
        )
    return float(value)


def _kind(value) -> str:
    """The JSON type of a value, for messages (never the value: it may be huge)."""
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)
