"""The seccomp filter program (its effect is tested in sandbox_test.py)."""

import struct

from exedec_tf.llm import seccomp


def _instructions(program):
    return [
        struct.unpack("=HBBI", program[i : i + 8]) for i in range(0, len(program), 8)
    ]


def test_filter_shapes():
    for machine in ("x86_64", "aarch64"):
        insns = _instructions(seccomp.build_filter(machine))
        # Checks the architecture first, allows by default at the end.
        assert insns[0] == (0x20, 0, 0, 4)
        assert insns[-1] == (0x06, 0, 0, 0x7FFF0000)
        assert len(insns) < 256  # well under the kernel's 4096 limit
        # Every jump stays inside the program.
        for pc, (code, jt, jf, _) in enumerate(insns):
            if code & 0x07 == 0x05:
                assert pc + 1 + max(jt, jf) < len(insns)


def test_socket_is_denied_on_x86_64():
    insns = _instructions(seccomp.build_filter("x86_64"))
    pc = insns.index((0x15, 0, 1, 41))  # jeq socket
    assert insns[pc + 1] == (0x06, 0, 0, 0x00050000 | 1)  # errno EPERM


def test_unknown_architecture():
    assert seccomp.build_filter("riscv64") is None
