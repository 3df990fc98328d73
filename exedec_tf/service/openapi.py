"""The OpenAPI 3 description of the service, served at `/openapi.json`."""

from exedec_tf.service.settings import ServiceSettings

_VALUE = {
    "description": "RobustFill: a string. DeepCoder input: text such as "
    '"[1, 2], 3" or a JSON list of input values; output: text or a value.',
}


def openapi_document(settings: ServiceSettings, domain: str, num_examples: int) -> dict:
    """The document for a server with these limits and models."""
    error = {"$ref": "#/components/schemas/Error"}

    def answer(text, schema=error):
        return {
            "description": text,
            "content": {"application/json": {"schema": schema}},
        }

    request = {
        "type": "object",
        "required": ["domain", "examples"],
        "additionalProperties": False,
        "properties": {
            "domain": {"type": "string", "enum": [domain]},
            "examples": {
                "type": "array",
                "minItems": num_examples,
                "maxItems": num_examples,
                "items": {
                    "type": "object",
                    "required": ["input", "output"],
                    "additionalProperties": False,
                    "properties": {"input": _VALUE, "output": _VALUE},
                },
            },
            "beam_size": {
                "type": "integer",
                "minimum": 1,
                "maximum": settings.max_beam_size,
                "default": settings.default_beam_size,
            },
            "timeout_s": {
                "type": "number",
                "exclusiveMinimum": 0,
                "maximum": settings.max_timeout_s,
                "default": settings.default_timeout_s,
            },
        },
    }
    step = {
        "type": "object",
        "properties": {
            "step": {"type": "integer"},
            "subgoals": {
                "type": "array",
                "items": {"type": "string"},
                "nullable": True,
            },
            "program_part": {"type": "string", "nullable": True},
            "achieved": {
                "type": "array",
                "items": {"type": "boolean"},
                "nullable": True,
            },
        },
    }
    result = {
        "type": "object",
        "properties": {
            "solved": {"type": "boolean", "description": "satisfies every example"},
            "program": {
                "type": "object",
                "nullable": True,
                "properties": {
                    "dsl": {"type": "string"},
                    "python": {"type": "string", "nullable": True},
                    "released": {"type": "string"},
                },
            },
            "examples": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "input": {},
                        "output": {},
                        "got": {"type": "string", "nullable": True},
                        "satisfied": {"type": "boolean"},
                    },
                },
            },
            "steps": {"type": "array", "items": step},
            "num_steps": {"type": "integer"},
            "beam_size": {"type": "integer"},
            "timings": {
                "type": "object",
                "properties": {
                    name: {"type": "number"}
                    for name in ("queued_s", "synthesis_s", "total_s", "batch_size")
                },
            },
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "exedec-tf serve", "version": "1"},
        "paths": {
            "/v1/synthesize": {
                "post": {
                    "summary": "Synthesize a program from input/output examples",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": request}},
                    },
                    "responses": {
                        "200": answer("the program found (or the best)", result),
                        "400": answer("malformed body or wrong field type"),
                        "413": answer("body, example list or value too large"),
                        "422": answer("examples the served models cannot take"),
                        "503": answer("queue full or shutting down; see Retry-After"),
                        "504": answer("the request's deadline passed"),
                    },
                }
            },
            "/healthz": {"get": {"summary": "Liveness and the served models"}},
            "/metrics": {"get": {"summary": "Prometheus metrics (text format)"}},
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "properties": {
                        "error": {"type": "string"},
                        "field": {"type": "string", "nullable": True},
                    },
                }
            }
        },
    }
