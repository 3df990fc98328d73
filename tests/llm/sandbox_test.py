"""The sandbox: same results as in-process execution, and the limits hold."""

import pathlib
import shutil
import subprocess
import sys
import tempfile

import pytest

from exedec_tf.llm import execution
from exedec_tf.llm.sandbox import Sandbox
from tests.llm.helpers import load_row

DC_INPUTS = {"x0": [[5, 8, 1], [2], [5, 2]]}


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(time_limit=1.0, memory_limit=512 << 20, num_workers=2) as sb:
        yield sb


@pytest.mark.parametrize(
    "domain,version", [("deepcoder", 1), ("deepcoder", 4), ("robustfill", 1)]
)
def test_released_programs_give_in_process_results(sandbox, domain, version):
    for index in range(5):
        shots, test = load_row(domain, "NONE", index, version)
        for problem in [*shots, test]:
            got = sandbox.run(domain, problem.python_program, problem.inputs)
            want = execution.run_program(domain, problem.python_program, problem.inputs)
            assert got == want == list(problem.outputs)


@pytest.mark.parametrize(
    "code,expected",
    [
        ("syntax error(", None),
        ("def program(x0):\n  return dsl.Head(x0) // 0", [None, None, None]),
        ("def program(x0):\n  return (1, 2.5, True)", [(1, 2.5, True)] * 3),
        ("def program(x0, x1):\n  return 1", [None, None, None]),  # wrong arity
        (
            "def program(x0):\n  x0.append(9)\n  return x0",
            [[5, 8, 1, 9], [2, 9], [5, 2, 9]],
        ),
        ("import math\ndef program(x0):\n  return math.floor(2.5)", [2, 2, 2]),
        ("def program(x0):\n  print('noise')\n  return len(x0)", [3, 1, 2]),
    ],
)
def test_results_match_in_process(sandbox, code, expected):
    assert sandbox.run("deepcoder", code, DC_INPUTS) == expected
    assert execution.run_program("deepcoder", code, DC_INPUTS) == expected


def test_unrepresentable_results_equal_nothing(sandbox):
    got = sandbox.run("deepcoder", "def program(x0):\n  return {1: 2}", DC_INPUTS)
    assert got != [{1: 2}] * 3 and len(got) == 3


@pytest.mark.parametrize(
    "code",
    [
        "def program(x0):\n  while True:\n    pass",  # infinite loop
        "while True:\n  pass",  # at definition time
        "def program(x0):\n  return len(bytearray(1 << 34))",  # 16 GiB
        "import ctypes\nctypes.string_at(0)",  # segfault
        "import os\nos._exit(3)",
        "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
        "import os\nos.close(1)\nos.close(2)\nwhile True:\n  pass",
    ],
)
def test_misbehaving_programs_fail_without_hurting_the_harness(sandbox, code):
    result = sandbox.run("deepcoder", code, DC_INPUTS)
    assert result is None or all(r is None for r in result)
    # The sandbox is still usable afterwards.
    ok = sandbox.run("deepcoder", "def program(x0):\n  return dsl.Sort(x0)", DC_INPUTS)
    assert ok == [[1, 5, 8], [2], [2, 5]]


def test_program_cannot_write_files(sandbox, tmp_path):
    target = tmp_path / "written"
    code = f"open({str(target)!r}, 'w').write('x')\ndef program(x0):\n  return 1"
    assert sandbox.run("deepcoder", code, DC_INPUTS) is None
    assert not target.exists()


def test_program_cannot_start_processes(sandbox):
    code = "import os\ndef program(x0):\n  return os.fork()"
    assert sandbox.run("deepcoder", code, DC_INPUTS) == [None, None, None]


def test_program_sees_no_secrets_in_environment(sandbox, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret")
    with Sandbox(time_limit=1.0) as fresh:
        code = "import os\ndef program(x0):\n  return sorted(os.environ)"
        (names, *_) = fresh.run("deepcoder", code, DC_INPUTS)
    assert "OPENAI_API_KEY" not in names


def test_network_is_denied(sandbox):
    if "seccomp" not in sandbox.protections():
        pytest.skip("no seccomp filter on this machine")
    # ctypes is preloaded; a raw socket() call must fail with -1.
    code = "import ctypes\ndef program(x0):\n  return ctypes.CDLL(None).socket(2, 1, 0)"
    assert sandbox.run("deepcoder", code, DC_INPUTS) == [-1, -1, -1]
    # The same call works outside the sandbox (so the check can fail).
    assert execution.run_program("deepcoder", code, DC_INPUTS)[0] >= 0


@pytest.fixture
def secret_file():
    # World-readable in a world-searchable folder: only Landlock keeps the
    # program (even one run as `nobody`) from reading it.
    folder = pathlib.Path(tempfile.mkdtemp(prefix="exedec_secret_"))
    folder.chmod(0o755)
    secret = folder / "secret.txt"
    secret.write_text("s3cret")
    secret.chmod(0o644)
    yield secret
    shutil.rmtree(folder)


def _reader(path) -> str:
    return f"def program(x0):\n  return open({str(path)!r}).read()"


def test_program_cannot_read_files_outside_the_allow_list(sandbox, secret_file):
    if "landlock" not in sandbox.protections():
        pytest.skip(
            "the kernel has no Landlock (Linux < 5.13 or the LSM disabled) and "
            "the sandbox has no other read restriction"
        )
    inputs = {"x0": [[1]]}
    assert sandbox.run("deepcoder", _reader(secret_file), inputs) == [None]
    assert sandbox.run("deepcoder", _reader("/etc/passwd"), inputs) == [None]
    # The same programs read both files without Landlock (the test can fail).
    with Sandbox(time_limit=1.0, use_landlock=False) as open_reads:
        assert "landlock" not in open_reads.protections()
        assert open_reads.run("deepcoder", _reader(secret_file), inputs) == ["s3cret"]
        assert open_reads.run("deepcoder", _reader("/etc/passwd"), inputs) != [None]


def test_readable_paths_extend_the_allow_list(secret_file):
    with Sandbox(time_limit=1.0, readable_paths=[secret_file]) as sb:
        if "landlock" not in sb.protections():
            pytest.skip("the kernel has no Landlock")
        assert sb.run("deepcoder", _reader(secret_file), {"x0": [[1]]}) == ["s3cret"]


def test_landlock_keeps_standard_library_imports(sandbox):
    # colorsys is not preloaded by the worker: importing it reads its file.
    code = (
        "import sys\n"
        "fresh = 'colorsys' not in sys.modules\n"
        "import colorsys\n"
        "def program(x0):\n"
        "  return [fresh, colorsys.rgb_to_hsv(1.0, 0.0, 0.0)[2]]"
    )
    with Sandbox(time_limit=1.0, use_landlock=False) as open_reads:
        expected = open_reads.run("deepcoder", code, {"x0": [[1]]})
        if "runs_as_nobody" not in open_reads.protections():
            assert expected == [[True, 1.0]]
        # (As `nobody`, an interpreter under a root-only folder such as
        # /root cannot be read at all, hence the preloaded modules.)
    assert sandbox.run("deepcoder", code, {"x0": [[1]]}) == expected


def test_program_cannot_read_parent_memory():
    # In a fresh interpreter, since protect_parent changes the whole process.
    script = (
        "import os\n"
        "from exedec_tf.llm.sandbox import Sandbox\n"
        "with Sandbox(time_limit=1.0, protect_parent=True) as sb:\n"
        "    code = ('def program(x0):\\n'\n"
        '            f\'  return len(open("/proc/{os.getpid()}/mem", "rb").name)\')\n'
        "    print(sb.run('deepcoder', code, {'x0': [[1]]}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[None]"


def test_robustfill_strings_round_trip(sandbox):
    inputs = ["a\"b'c", "\u00e9\\n", ""]
    code = "def program(x):\n  return x + '!'"
    assert sandbox.run("robustfill", code, inputs) == [s + "!" for s in inputs]


def test_bad_arguments():
    with pytest.raises(ValueError, match="time_limit"):
        Sandbox(time_limit=0)
    with pytest.raises(ValueError, match="memory_limit"):
        Sandbox(memory_limit=1000)
    with Sandbox() as sb, pytest.raises(ValueError, match="RobustFill inputs"):
        sb.run("robustfill", "x", {"x0": [1]})
