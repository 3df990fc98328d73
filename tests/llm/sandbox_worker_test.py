"""The worker's line protocol, spoken directly."""

import json
import subprocess
import sys

CONFIG = {"cpu_seconds": 2, "memory_bytes": 512 << 20, "seccomp": True}


def _talk(lines):
    proc = subprocess.run(
        [sys.executable, "-m", "exedec_tf.llm.sandbox_worker", json.dumps(CONFIG)],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_protocol():
    ok = {
        "domain": "robustfill",
        "code": "def program(x):\n  return x",
        "inputs": ["a"],
    }
    slow = dict(ok, code="while True:\n  pass", timeout=0.3)
    answers = _talk([json.dumps(dict(ok, timeout=5)), "not json", json.dumps(slow)])
    assert answers[0]["ready"] is True and "seccomp" in answers[0]
    assert "landlock" in answers[0]
    assert answers[1] == {"status": "ok", "results": ["a"]}
    assert answers[2]["status"] == "error" and "JSONDecodeError" in answers[2]["error"]
    assert answers[3] == {"status": "timeout"}


def test_preloaded_modules_import():
    from exedec_tf.llm.sandbox_worker import PRELOADED_MODULES

    code = "import " + ", ".join(PRELOADED_MODULES) + "\ndef program(x):\n  return 1"
    request = {"domain": "robustfill", "code": code, "inputs": ["a"], "timeout": 5}
    assert _talk([json.dumps(request)])[1] == {"status": "ok", "results": [1]}
