"""Landlock for the sandbox's program processes: read only an allow-list.

Landlock (Linux >= 5.13, when the `landlock` LSM is enabled) lets an
unprivileged process restrict itself, irreversibly and for all its future
children. `restrict(readable)` makes the calling process unable to open any
file or list any directory outside `readable` (which are readable, never
writable), unable to change the file system anywhere, and, where the
kernel's Landlock ABI has them, unable to bind or connect TCP sockets
(ABI >= 4) or to signal or reach abstract Unix sockets of processes outside
the sandbox (ABI >= 6). Files opened before the call stay usable.

The system calls go through libc's `syscall()` with the numbers every Linux
architecture shares (444-446); where the kernel lacks Landlock,
`abi_version()` is 0 and `restrict` returns False without changing anything.
"""

import ctypes
import os
import sysconfig
from collections.abc import Iterable

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

# File-system access rights (include/uapi/linux/landlock.h).
_EXECUTE, _WRITE_FILE, _READ_FILE, _READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_ABI1_FS = (1 << 13) - 1  # EXECUTE .. MAKE_SYM
_REFER, _TRUNCATE, _IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
# Rights that apply to a file (a rule on a file may hold only these).
_FILE_RIGHTS = _EXECUTE | _WRITE_FILE | _READ_FILE | _TRUNCATE | _IOCTL_DEV
_NET_BIND_TCP, _NET_CONNECT_TCP = 1 << 0, 1 << 1
_SCOPE_ABSTRACT_UNIX_SOCKET, _SCOPE_SIGNAL = 1 << 0, 1 << 1


class _RulesetAttr(ctypes.Structure):
    # Older kernels read a prefix of it and require the rest to be zero.
    _fields_ = [
        ("handled_access_fs", ctypes.c_uint64),
        ("handled_access_net", ctypes.c_uint64),
        ("scoped", ctypes.c_uint64),
    ]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    return libc


def abi_version() -> int:
    """The kernel's Landlock ABI version; 0 where Landlock is unavailable."""
    version = _libc().syscall(
        _CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1)
    )
    return max(int(version), 0)


def runtime_paths() -> list[str]:
    """What a program may read: the interpreter's standard library.

    Programs run in a fork of a worker that has already imported the DSL
    runtimes and the usual modules, so they need files only to import
    another standard-library module (`platstdlib` holds lib-dynload).
    """
    paths = sysconfig.get_paths()
    found = {os.path.realpath(paths[key]) for key in ("stdlib", "platstdlib")}
    return sorted(found)


def _handled(abi: int) -> _RulesetAttr:
    fs = _ABI1_FS
    if abi >= 2:
        fs |= _REFER
    if abi >= 3:
        fs |= _TRUNCATE
    if abi >= 5:
        fs |= _IOCTL_DEV
    net = _NET_BIND_TCP | _NET_CONNECT_TCP if abi >= 4 else 0
    scoped = _SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL if abi >= 6 else 0
    return _RulesetAttr(fs, net, scoped)


def _add_read_rule(libc, ruleset: int, path: str) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # Missing or unreachable: nothing to allow.
    try:
        rights = _READ_FILE | _READ_DIR
        if not os.path.isdir(path):
            rights &= _FILE_RIGHTS
        rule = _PathBeneathAttr(rights, fd)
        if libc.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule), 0):
            raise OSError(ctypes.get_errno(), f"landlock_add_rule({path!r})")
    finally:
        os.close(fd)


def restrict(readable: Iterable[str]) -> bool:
    """Restricts this process to reading `readable`; True if Landlock applies.

    Irreversible for the process and its future children; sets
    no_new_privs (which Landlock requires). Paths that do not exist or
    cannot be reached are skipped.

    Raises:
      OSError: Landlock exists but a rule or the restriction was refused.
    """
    abi = abi_version()
    if abi < 1:
        return False
    libc = _libc()
    attr = _handled(abi)
    ruleset = libc.syscall(
        _CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)), 0
    )
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset")
    try:
        for path in readable:
            _add_read_rule(libc, ruleset, path)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")
        if libc.syscall(_RESTRICT_SELF, ruleset, 0) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self")
    finally:
        os.close(ruleset)
    return True
