"""The checksums the bucket lists: MD5 and CRC32C, both base64 as GCS gives them.

CRC32C (Castagnoli, reflected polynomial 0x82F63B78) needs no C extension:
a 256-entry table, stepped over many lanes of a block at once with NumPy;
the lanes' CRCs are then joined with the linear map "append n zero bytes"
(a CRC register without its pre/post inversion is linear over GF(2)).
Downloads verify by MD5 and use CRC32C for objects without one (composite
uploads).
"""

import base64
import functools
import hashlib
import os

import numpy as np

from exedec_tf.presets.errors import ChecksumMismatchError

_BLOCK = 1 << 20


def _crc32c_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_TABLE = _crc32c_table()


_NP_TABLE = np.array(_TABLE, dtype=np.uint32)
# Blocks shorter than this are stepped byte by byte in Python.
_VECTOR_MIN = 1 << 16
_LANES = 4096


def _raw_bytes(state: int, data) -> int:
    """The register after `data`, byte by byte (no pre/post inversion)."""
    table = _TABLE
    for byte in data:
        state = table[(state ^ byte) & 0xFF] ^ (state >> 8)
    return state


def _apply(columns: np.ndarray, states: np.ndarray) -> np.ndarray:
    """A GF(2)-linear map (columns: images of the 32 unit vectors) on states."""
    out = np.zeros_like(states)
    for bit in range(32):
        out ^= np.where((states >> np.uint32(bit)) & np.uint32(1), columns[bit], 0)
    return out.astype(np.uint32)


@functools.cache
def _zeros_map(length: int) -> np.ndarray:
    """Columns of the map state -> register after `length` zero bytes."""
    if length == 0:
        return (np.uint32(1) << np.arange(32, dtype=np.uint32)).astype(np.uint32)
    if length == 1:
        units = _zeros_map(0)
        return _NP_TABLE[units & np.uint32(0xFF)] ^ (units >> np.uint32(8))
    half = _zeros_map(length // 2)
    columns = _apply(half, half)  # composing: zeros(a + b) = zeros(a) o zeros(b)
    if length % 2:
        columns = _apply(_zeros_map(1), columns)
    return columns


def _raw_lanes(state: int, data) -> int:
    """The register after `data`: `_LANES` equal lanes stepped together, joined."""
    width = len(data) // _LANES
    body = np.frombuffer(data, dtype=np.uint8, count=width * _LANES)
    columns_first = body.reshape(_LANES, width).T.copy()  # [width, lanes]
    lanes = np.zeros(_LANES, dtype=np.uint32)
    for column in columns_first:
        lanes = _NP_TABLE[(lanes ^ column) & np.uint32(0xFF)] ^ (lanes >> np.uint32(8))
    # Join neighbours pairwise: crc(a + b) = zeros_len(b)(crc(a)) ^ crc(b).
    length = width
    while len(lanes) > 1:
        lanes = _apply(_zeros_map(length), lanes[0::2]) ^ lanes[1::2]
        length *= 2
    state = int(_apply(_zeros_map(width * _LANES), np.array([state], np.uint32))[0])
    state ^= int(lanes[0])
    return _raw_bytes(state, memoryview(data)[width * _LANES :])


def crc32c_update(crc: int, data: bytes) -> int:
    """CRC32C of the bytes so far; start from 0."""
    state = crc ^ 0xFFFFFFFF
    if len(data) >= _VECTOR_MIN:
        state = _raw_lanes(state, data)
    else:
        state = _raw_bytes(state, data)
    return state ^ 0xFFFFFFFF


def file_md5(path) -> str:
    """Base64 MD5 of a file, as in the GCS `md5Hash` field."""
    digest = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(_BLOCK), b""):
            digest.update(block)
    return base64.b64encode(digest.digest()).decode("ascii")


def file_crc32c(path) -> str:
    """Base64 big-endian CRC32C of a file, as in the GCS `crc32c` field."""
    crc = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(_BLOCK), b""):
            crc = crc32c_update(crc, block)
    return base64.b64encode(crc.to_bytes(4, "big")).decode("ascii")


def cache_key(md5_hash: str | None, crc32c: str | None) -> str:
    """A file-system-safe key from the checksums (hex MD5, else `crc32c-<hex>`).

    Raises:
      ValueError: neither checksum is given.
    """
    if md5_hash:
        return base64.b64decode(md5_hash).hex()
    if crc32c:
        return "crc32c-" + base64.b64decode(crc32c).hex()
    raise ValueError("an object without md5Hash and crc32c cannot be verified")


def verify_file(path, size: int, md5_hash: str | None, crc32c: str | None) -> None:
    """Raises unless the file has the listed size and checksum.

    Raises:
      ChecksumMismatchError: naming the file, the expected and the actual value.
      ValueError: no checksum to verify against.
    """
    actual_size = os.path.getsize(path)
    if actual_size != size:
        raise ChecksumMismatchError(
            f"{path} has {actual_size} bytes, the bucket lists {size}"
        )
    if md5_hash:
        kind, expected, actual = "MD5", md5_hash, file_md5(path)
    elif crc32c:
        kind, expected, actual = "CRC32C", crc32c, file_crc32c(path)
    else:
        raise ValueError(f"no md5Hash or crc32c to verify {path} against")
    if actual != expected:
        raise ChecksumMismatchError(
            f"{path}: {kind} {actual} does not match the bucket's {expected} "
            "(corrupted download; it was deleted, rerun to fetch it again)"
        )
