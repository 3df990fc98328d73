"""Tests of the Flax msgpack encoding (models.md §10.3, flax.serialization)."""

import ml_dtypes
import msgpack
import numpy as np
import pytest

from exedec_tf.models import flax_checkpoint_format as fmt
from exedec_tf.models.flax_checkpoint_format import (
    CheckpointFormatError,
    msgpack_restore,
    msgpack_serialize,
)


def test_bytes_of_one_array_follow_the_flax_layout():
    # Derived by hand from the msgpack spec and Flax's ndarray encoding:
    # fixmap(1) fixstr("a") ext8(len 17, type 1) holding
    # fixarray(3)[fixarray(1)[1], fixstr("float32"), bin8(4 bytes of 1.0f)].
    want = (
        b"\x81\xa1a\xc7\x11\x01"
        + b"\x93\x91\x01\xa7float32\xc4\x04"
        + np.float32(1.0).tobytes()
    )
    assert msgpack_serialize({"a": np.array([1.0], np.float32)}) == want


def test_reads_a_tree_encoded_independently():
    # Encoded here with msgpack alone, as Flax does: shape as a tuple, the
    # dtype name as str, and npscalar / native complex extensions.
    def ndarray(array):
        return msgpack.packb(
            (array.shape, array.dtype.name, array.tobytes()), use_bin_type=True
        )

    kernel = np.arange(6, dtype=np.float32).reshape(2, 3)
    data = msgpack.packb(
        {
            "target": {"w": msgpack.ExtType(1, ndarray(kernel))},
            "step": msgpack.ExtType(1, ndarray(np.array(7, np.int32))),
            "lr": msgpack.ExtType(3, ndarray(np.array(0.5, np.float64))),
            "z": msgpack.ExtType(2, msgpack.packb((1.5, -2.0))),
            "name": "adam",
        },
        use_bin_type=True,
    )
    tree = msgpack_restore(data)
    np.testing.assert_array_equal(tree["target"]["w"], kernel)
    assert tree["target"]["w"].dtype == np.float32
    assert tree["step"].shape == () and tree["step"] == 7
    assert tree["lr"] == 0.5 and isinstance(tree["lr"], np.float64)
    assert tree["z"] == complex(1.5, -2.0)
    assert tree["name"] == "adam"


ARRAYS = [
    np.random.default_rng(0).standard_normal((3, 2, 4)).astype(np.float32),
    np.linspace(-1, 1, 5),  # float64
    np.arange(-4, 4, dtype=np.int32).reshape(2, 4),
    np.arange(5, dtype=np.int64),
    np.array([0, 7, 255], np.uint8),
    np.array([[True, False]]),
    np.array([1.5, -2.25], ml_dtypes.bfloat16),
    np.float16([0.5, 3.0]),
    np.array(3.25, np.float32),  # 0-d array
    np.array(-9, np.int32),  # 0-d int, like state/step
    np.zeros((0, 3), np.float32),  # empty
    np.asfortranarray(np.arange(6.0).reshape(2, 3)),  # not C-contiguous
    np.arange(4, dtype=">i4"),  # big-endian input
]


@pytest.mark.parametrize("array", ARRAYS, ids=lambda a: f"{a.dtype}{a.shape}")
def test_array_round_trip(array):
    got = msgpack_restore(msgpack_serialize({"x": {"y": array}}))["x"]["y"]
    assert isinstance(got, np.ndarray)
    assert got.shape == array.shape
    assert got.dtype == array.dtype.newbyteorder("<")
    np.testing.assert_array_equal(got, array)
    got[...] = 0  # restored arrays are writable copies


@pytest.mark.parametrize(
    "value",
    [np.float32(1.25), np.float64(-0.5), np.int32(12), np.int64(-3), np.bool_(True)],
    ids=repr,
)
def test_numpy_scalar_round_trip(value):
    got = msgpack_restore(msgpack_serialize({"s": value}))["s"]
    assert type(got) is type(value)
    assert got == value


def test_python_leaves_round_trip():
    tree = {"i": 3, "f": 0.25, "b": False, "s": "x", "n": None, "c": 1 - 2j}
    assert msgpack_restore(msgpack_serialize(tree)) == tree


def test_oversized_arrays_are_chunked(monkeypatch):
    monkeypatch.setattr(fmt, "MAX_CHUNK_SIZE", 16)  # 4 float32 per chunk
    array = np.arange(30, dtype=np.float32).reshape(5, 6)
    data = msgpack_serialize({"big": array, "small": np.ones(2, np.float32)})
    raw = msgpack.unpackb(data)  # extensions left undecoded
    assert raw["big"]["__msgpack_chunked_array__"] is True
    assert raw["big"]["shape"] == {"0": 5, "1": 6}
    assert len(raw["big"]["chunks"]) == 8
    assert isinstance(raw["small"], msgpack.ExtType)
    np.testing.assert_array_equal(msgpack_restore(data)["big"], array)


def test_unsupported_leaf_is_a_type_error():
    with pytest.raises(TypeError, match="set"):
        msgpack_serialize({"x": {1, 2}})
    with pytest.raises(TypeError, match="dtype"):
        msgpack_serialize({"x": np.array([object()])})


GOOD = msgpack_serialize({"w": np.arange(8, dtype=np.float32)})


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "incomplete"),
        (GOOD[:-5], "incomplete"),  # truncated inside the array bytes
        (GOOD + b"\x00", "extra data"),
        (b"PK\x03\x04 this is a zip file", "not a msgpack document"),
        (b"\x81\xa1w\xc7\x03\x09abc", "extension type 9"),
        # shape (3,) float32 with 4 bytes of data
        (
            msgpack.packb(
                {"w": msgpack.ExtType(1, msgpack.packb([[3], "float32", b"1234"]))}
            ),
            "malformed array",
        ),
        (
            msgpack.packb(
                {"w": msgpack.ExtType(1, msgpack.packb([[1], "float99", b"1234"]))}
            ),
            "float99",
        ),
    ],
)
def test_garbage_is_a_format_error(data, message):
    with pytest.raises(CheckpointFormatError, match=message):
        msgpack_restore(data)
