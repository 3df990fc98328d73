"""The OpenAPI description follows the served models and the limits."""

import json

from exedec_tf.service.openapi import openapi_document
from exedec_tf.service.request import FIELDS
from exedec_tf.service.settings import ServiceSettings


def test_document():
    document = openapi_document(ServiceSettings(max_beam_size=12), "robustfill", 4)
    json.dumps(document)
    assert document["openapi"].startswith("3.")
    post = document["paths"]["/v1/synthesize"]["post"]
    schema = post["requestBody"]["content"]["application/json"]["schema"]
    assert sorted(schema["properties"]) == sorted(FIELDS)
    assert schema["properties"]["domain"]["enum"] == ["robustfill"]
    assert schema["properties"]["examples"]["minItems"] == 4
    assert schema["properties"]["beam_size"]["maximum"] == 12
    assert set(post["responses"]) == {"200", "400", "413", "422", "503", "504"}
    assert {"/healthz", "/metrics"} <= set(document["paths"])
