"""The checksums the bucket lists: MD5 and CRC32C, both base64 as GCS gives them.

CRC32C (Castagnoli, reflected polynomial 0x82F63B78) is computed in pure
Python from a 256-entry table: no C extension needed, but slow (about
10 MB/s), so downloads verify by MD5 and fall back to CRC32C only for
objects without one (composite uploads).
"""

import base64
import hashlib
import os

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


def crc32c_update(crc: int, data: bytes) -> int:
    """CRC32C of the bytes so far; start from 0."""
    crc ^= 0xFFFFFFFF
    table = _TABLE
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


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
