"""A seccomp filter for the sandbox's program processes (Linux x86_64 / aarch64).

The filter allows every system call except those that reach the network,
start programs, touch other processes or change the file system:

* `socket` fails with EPERM (so no network of any kind, not even Unix sockets);
* `fork`/`vfork`/`clone`/`clone3` (no new processes or threads),
  `setrlimit`/`prlimit64` (limits cannot be raised again, even by root),
  `unshare`, `setns`, `mount`, `chroot`, `setuid`, `setgid`,
  `execve`/`execveat`, `ptrace`, `process_vm_readv/writev`, `kill`, `tkill`,
  `tgkill`, `io_uring_setup` and `openat2` fail with EPERM;
* `open`/`openat`/`creat` with any of O_WRONLY, O_RDWR, O_CREAT, O_TRUNC,
  O_APPEND fail with EPERM, as do unlink, rename, mkdir, rmdir, link,
  symlink, chmod and truncate in all their forms.

Reading files is still allowed. System calls of another ABI (x32, i386)
kill the process. On other architectures, or where the kernel refuses
filters, `install()` returns False and nothing is installed.
"""

import ctypes
import errno
import os
import platform
import struct

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_KILL_PROCESS = 0x80000000
_RET_ERRNO = 0x00050000
_RET_ALLOW = 0x7FFF0000
# BPF opcodes.
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_JSET_K = 0x45
_RET_K = 0x06
# Offsets in struct seccomp_data (little-endian low words of the arguments).
_NR, _ARCH = 0, 4


def _arg(i: int) -> int:
    return 16 + 8 * i


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

# name -> (audit arch, x32 bit or None, denied syscalls, {open-like: flags arg}).
_TABLES = {
    "x86_64": (
        0xC000003E,
        0x40000000,
        {
            "socket": 41, "execve": 59, "execveat": 322, "ptrace": 101,
            "process_vm_readv": 310, "process_vm_writev": 311, "kill": 62,
            "tkill": 200, "tgkill": 234, "io_uring_setup": 425, "openat2": 437,
            "creat": 85, "unlink": 87, "unlinkat": 263, "rename": 82,
            "renameat": 264, "renameat2": 316, "mkdir": 83, "mkdirat": 258,
            "rmdir": 84, "link": 86, "linkat": 265, "symlink": 88,
            "symlinkat": 266, "chmod": 90, "fchmodat": 268, "truncate": 76,
            "fork": 57, "vfork": 58, "clone": 56, "clone3": 435,
            "setrlimit": 160, "prlimit64": 302, "unshare": 272, "setns": 308,
            "mount": 165, "chroot": 161, "setuid": 105, "setgid": 106,
        },
        {2: 1, 257: 2},  # open(path, flags), openat(dirfd, path, flags)
    ),
    "aarch64": (
        0xC00000B7,
        None,
        {
            "socket": 198, "execve": 221, "execveat": 281, "ptrace": 117,
            "process_vm_readv": 270, "process_vm_writev": 271, "kill": 129,
            "tkill": 130, "tgkill": 131, "io_uring_setup": 425, "openat2": 437,
            "unlinkat": 35, "renameat": 38, "renameat2": 276, "mkdirat": 34,
            "linkat": 37, "symlinkat": 36, "fchmodat": 53, "truncate": 45,
            "clone": 220, "clone3": 435, "setrlimit": 164, "prlimit64": 261,
            "unshare": 97, "setns": 268, "mount": 40, "chroot": 51,
            "setuid": 146, "setgid": 144,
        },
        {56: 2},  # openat(dirfd, path, flags)
    ),
}  # fmt: skip


def _insn(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def build_filter(machine: str) -> bytes | None:
    """The BPF program for `machine` (platform.machine()), or None if unsupported."""
    table = _TABLES.get(machine)
    if table is None:
        return None
    arch, x32_bit, denied, open_like = table
    deny = _RET_ERRNO | errno.EPERM
    prog = [_insn(_LD_W_ABS, _ARCH), _insn(_JEQ_K, arch, 1, 0)]
    prog.append(_insn(_RET_K, _RET_KILL_PROCESS))
    prog.append(_insn(_LD_W_ABS, _NR))
    if x32_bit is not None:
        prog += [_insn(_JGE_K, x32_bit, 0, 1), _insn(_RET_K, _RET_KILL_PROCESS)]
    for nr in sorted(denied.values()):
        prog += [_insn(_JEQ_K, nr, 0, 1), _insn(_RET_K, deny)]
    for nr, flags_arg in sorted(open_like.items()):
        # if nr matches: load the flags; deny if any write flag is set.
        prog += [
            _insn(_JEQ_K, nr, 0, 3),
            _insn(_LD_W_ABS, _arg(flags_arg)),
            _insn(_JSET_K, _WRITE_FLAGS, 0, 1),
            _insn(_RET_K, deny),
        ]
        # Restore the syscall number for the next comparison.
        prog.append(_insn(_LD_W_ABS, _NR))
    prog.append(_insn(_RET_K, _RET_ALLOW))
    return b"".join(prog)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _libc():
    # The symbols of the running interpreter include libc's; unlike
    # ctypes.util.find_library this starts no helper process.
    return ctypes.CDLL(None, use_errno=True)


def install() -> bool:
    """Installs the filter on the calling thread; True on success.

    Irreversible for the process and all its future children. Call it only in
    a single-threaded process that is about to run untrusted code.
    """
    program = build_filter(platform.machine())
    if program is None:
        return False
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.addressof(buffer))
    libc = _libc()
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    result = libc.prctl(
        _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0
    )
    return result == 0
