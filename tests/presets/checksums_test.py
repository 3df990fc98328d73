import base64
import hashlib

import pytest

from exedec_tf.presets import checksums
from exedec_tf.presets.errors import ChecksumMismatchError


def test_crc32c_check_value_and_incremental():
    # The CRC-32C check value of RFC 3720 / the Castagnoli catalogue.
    assert checksums.crc32c_update(0, b"123456789") == 0xE3069283
    assert checksums.crc32c_update(checksums.crc32c_update(0, b"1234"), b"56789") == (
        0xE3069283
    )
    assert checksums.crc32c_update(0, bytes(32)) == 0x8A9136AA  # RFC 3720 B.4


@pytest.mark.parametrize(
    "size", [checksums._VECTOR_MIN, checksums._VECTOR_MIN + 1, 3 * 4096 + 7, 1 << 20]
)
def test_lanes_equal_the_byte_loop(size):
    data = bytes((i * 7919 + i // 251) % 256 for i in range(size))
    expected = checksums._raw_bytes(0xFFFFFFFF, data) ^ 0xFFFFFFFF
    assert checksums.crc32c_update(0, data) == expected
    third = size // 3
    head = checksums.crc32c_update(0, data[:third])
    assert checksums.crc32c_update(head, data[third:]) == expected


def test_file_checksums_in_gcs_encoding(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"123456789")
    assert (
        checksums.file_md5(path)
        == base64.b64encode(hashlib.md5(b"123456789").digest()).decode()
    )
    assert base64.b64decode(checksums.file_crc32c(path)) == bytes.fromhex("e3069283")


def test_cache_key():
    md5 = base64.b64encode(bytes(range(16))).decode()
    assert checksums.cache_key(md5, "x") == bytes(range(16)).hex()
    crc = base64.b64encode(bytes.fromhex("e3069283")).decode()
    assert checksums.cache_key(None, crc) == "crc32c-e3069283"
    with pytest.raises(ValueError, match="cannot be verified"):
        checksums.cache_key(None, None)


def test_verify_file(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"123456789")
    md5, crc = checksums.file_md5(path), checksums.file_crc32c(path)
    checksums.verify_file(path, 9, md5, crc)
    checksums.verify_file(path, 9, None, crc)
    with pytest.raises(ChecksumMismatchError, match="has 9 bytes, the bucket lists 10"):
        checksums.verify_file(path, 10, md5, crc)
    with pytest.raises(ChecksumMismatchError, match="MD5"):
        checksums.verify_file(path, 9, checksums.file_md5(__file__), crc)
    with pytest.raises(ChecksumMismatchError, match="CRC32C"):
        checksums.verify_file(path, 9, None, "AAAAAA==")
