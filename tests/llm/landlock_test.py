"""exedec_tf.llm.landlock: a restricted process reads only its allow-list."""

import os
import pathlib
import sysconfig

import pytest

from exedec_tf.llm import landlock

NEEDS_LANDLOCK = pytest.mark.skipif(
    landlock.abi_version() < 1,
    reason="the kernel has no Landlock (Linux < 5.13, or the LSM not enabled)",
)


def _in_child(fn) -> int:
    """Runs `fn()` in a forked child (Landlock is irreversible); its int result."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            os.write(write_fd, str(fn()).encode())
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        answer = pipe.read()
    os.waitpid(pid, 0)
    return int(answer)


def _readable(path) -> int:
    try:
        pathlib.Path(path).read_bytes()
        return 1
    except PermissionError:
        return 0


@pytest.fixture
def files(tmp_path):
    (tmp_path / "allowed").mkdir()
    (tmp_path / "allowed" / "a.txt").write_text("a")
    (tmp_path / "other.txt").write_text("secret")
    (tmp_path / "single.txt").write_text("one file")
    return tmp_path


def test_abi_version_is_a_count():
    assert landlock.abi_version() >= 0


def test_runtime_paths_are_the_standard_library():
    paths = landlock.runtime_paths()
    assert os.path.realpath(sysconfig.get_paths()["stdlib"]) in paths
    assert all(os.path.isabs(p) for p in paths)


@NEEDS_LANDLOCK
def test_only_listed_paths_can_be_read(files):
    def check():
        assert landlock.restrict([str(files / "allowed"), str(files / "single.txt")])
        return (
            _readable(files / "allowed" / "a.txt") * 1000
            + _readable(files / "single.txt") * 100
            + _readable(files / "other.txt") * 10
            + _readable("/etc/passwd")
        )

    # Outside the child all four are readable, so the check can fail.
    assert [_readable(p) for p in (files / "other.txt", "/etc/passwd")] == [1, 1]
    assert _in_child(check) == 1100


@NEEDS_LANDLOCK
def test_nothing_can_be_written_even_under_a_readable_path(files):
    def check():
        landlock.restrict([str(files)])
        try:
            (files / "allowed" / "new.txt").write_text("x")
            return 1
        except PermissionError:
            return 0

    assert _in_child(check) == 0
    assert not (files / "allowed" / "new.txt").exists()


@NEEDS_LANDLOCK
def test_missing_paths_are_skipped(files):
    def check():
        landlock.restrict([str(files / "missing"), str(files / "allowed")])
        return _readable(files / "allowed" / "a.txt")

    assert _in_child(check) == 1
