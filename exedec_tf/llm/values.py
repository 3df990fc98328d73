"""Moving program results out of the sandbox safely (no pickle).

Results cross the process boundary as JSON. Types that matter for the
harness survive exactly: None, bool, int, float, str, list and tuple (nested).
Anything else (dicts, sets, custom objects, ints too long to print) becomes
an `Opaque` value that is equal to nothing, so such a result never counts
as a solution or as a valid intermediate value.
"""

import dataclasses
import json
import math

_MAX_DEPTH = 32


@dataclasses.dataclass(frozen=True, eq=False)
class Opaque:
    """A result of a type the sandbox does not transfer; equal to nothing."""

    type_name: str

    def __eq__(self, other):
        return False

    def __hash__(self):
        return id(self)

    def __repr__(self):
        return f"<opaque {self.type_name}>"


def encode(value, depth: int = 0):
    """A JSON-ready form of `value` (tagged objects for tuples and opaque values)."""
    if value is None or type(value) in (bool, str):
        return value
    if type(value) is int:
        try:
            str(value)  # Ints beyond the str-digits limit cannot be shown.
        except ValueError:
            return {"opaque": "int"}
        return value
    if type(value) is float:
        return value if math.isfinite(value) else {"float": repr(value)}
    if depth < _MAX_DEPTH and type(value) in (list, tuple):
        items = [encode(v, depth + 1) for v in value]
        return items if type(value) is list else {"tuple": items}
    return {"opaque": type(value).__name__}


def decode(data):
    """Inverse of `encode`."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if isinstance(data, dict):
        if "tuple" in data:
            return tuple(decode(v) for v in data["tuple"])
        if "float" in data:
            return float(data["float"])
        return Opaque(str(data.get("opaque", "?")))
    return data


def dumps(results) -> str:
    """Encodes a list of results (or None) as one JSON line."""
    payload = None if results is None else [encode(r) for r in results]
    return json.dumps({"results": payload})


def loads(line: str):
    """Decodes a `dumps` line back to a list of results (or None)."""
    payload = json.loads(line)["results"]
    return None if payload is None else [decode(r) for r in payload]
