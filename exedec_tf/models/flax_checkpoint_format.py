"""Flax's msgpack encoding of array trees, read and written without Flax.

The official ExeDec checkpoints were written by `flax.serialization.to_bytes`
(Flax 0.5.3, models.md §10.3): a msgpack map of nested string-keyed maps
whose leaves are msgpack *extension* objects:

| ext code | meaning | payload |
|---|---|---|
| 1 | `numpy.ndarray` | msgpack array `[shape, dtype name, C-order bytes]` |
| 2 | Python `complex` | msgpack array `[real, imag]` |
| 3 | NumPy scalar | as code 1 for the 0-d array, restored as a scalar |

Python `bool`/`int`/`float`/`str`/`None` are plain msgpack values. An array
of more than `MAX_CHUNK_SIZE` bytes (msgpack's objects are limited to
2**32 - 1 bytes) is stored as the map
`{"__msgpack_chunked_array__": True, "shape": {"0": d0, ...},
"chunks": {"0": flat_chunk, ...}}`.

Flax writes the array bytes in the machine's byte order under a dtype name
that carries no byte order; every machine that trained ExeDec was
little-endian, so little-endian is read and written here.
"""

from collections.abc import Mapping

import msgpack
import numpy as np

from exedec_tf.errors import ExeDecError

# Flax's _MsgpackExtType codes.
EXT_NDARRAY = 1
EXT_NATIVE_COMPLEX = 2
EXT_NPSCALAR = 3

# Flax's chunk size: msgpack's 2**32 - 1 byte limit with a wide margin.
MAX_CHUNK_SIZE = 2**30

_CHUNKED = "__msgpack_chunked_array__"


class CheckpointFormatError(ExeDecError, ValueError):
    """The bytes are not a Flax msgpack tree (garbage, truncated, bad array)."""


def _dtype(name: str) -> np.dtype:
    """The little-endian NumPy dtype of a Flax dtype name."""
    try:
        dtype = np.dtype(name)
    except TypeError:
        # bfloat16 and the float8 types are not NumPy names; JAX takes them
        # from ml_dtypes, which TensorFlow already depends on.
        import ml_dtypes

        if not hasattr(ml_dtypes, name):
            raise CheckpointFormatError(f"unknown array dtype {name!r}") from None
        dtype = np.dtype(getattr(ml_dtypes, name))
    return dtype.newbyteorder("<")


def _ndarray_to_bytes(array: np.ndarray) -> bytes:
    if array.dtype.hasobject or array.dtype.fields is not None:
        raise TypeError(f"cannot serialise arrays of dtype {array.dtype}")
    # tobytes("C") copies to C order itself; ascontiguousarray would turn a
    # 0-d array into shape (1,).
    array = np.asarray(array, dtype=array.dtype.newbyteorder("<"))
    return msgpack.packb(
        [list(array.shape), array.dtype.name, array.tobytes("C")], use_bin_type=True
    )


def _ndarray_from_bytes(data: bytes) -> np.ndarray:
    try:
        shape, name, buffer = msgpack.unpackb(data, raw=True)
        dtype = _dtype(name.decode("ascii"))
        # A copy: frombuffer over `bytes` would be read-only.
        return np.frombuffer(buffer, dtype=dtype).reshape(shape).copy()
    except CheckpointFormatError:
        raise
    except Exception as error:  # msgpack, decode and reshape errors alike
        raise CheckpointFormatError(f"malformed array payload: {error}") from None


def _ext_pack(value):
    """msgpack `default` hook: the leaves msgpack cannot pack natively."""
    if isinstance(value, np.ndarray):
        return msgpack.ExtType(EXT_NDARRAY, _ndarray_to_bytes(value))
    if isinstance(value, np.generic):
        return msgpack.ExtType(EXT_NPSCALAR, _ndarray_to_bytes(np.asarray(value)))
    if isinstance(value, complex):
        return msgpack.ExtType(
            EXT_NATIVE_COMPLEX, msgpack.packb([value.real, value.imag])
        )
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot serialise a {type(value).__name__} in a Flax tree")


def _ext_unpack(code: int, data: bytes):
    """msgpack `ext_hook`: Flax's extension types back to NumPy / Python."""
    if code == EXT_NDARRAY:
        return _ndarray_from_bytes(data)
    if code == EXT_NPSCALAR:
        return _ndarray_from_bytes(data)[()]
    if code == EXT_NATIVE_COMPLEX:
        real, imag = msgpack.unpackb(data)
        return complex(real, imag)
    raise CheckpointFormatError(f"unknown msgpack extension type {code}")


def _chunk(array: np.ndarray) -> dict:
    per_chunk = max(1, MAX_CHUNK_SIZE // array.dtype.itemsize)
    flat = array.reshape(-1)
    chunks = [flat[i : i + per_chunk] for i in range(0, flat.size, per_chunk)]
    return {
        _CHUNKED: True,
        "shape": {str(i): int(d) for i, d in enumerate(array.shape)},
        "chunks": {str(i): chunk for i, chunk in enumerate(chunks)},
    }


def _unchunk(node: Mapping) -> np.ndarray:
    try:
        shape = [node["shape"][str(i)] for i in range(len(node["shape"]))]
        chunks = [node["chunks"][str(i)] for i in range(len(node["chunks"]))]
        return np.concatenate(chunks).reshape(shape)
    except (KeyError, TypeError, ValueError) as error:
        raise CheckpointFormatError(f"malformed chunked array: {error}") from None


def _chunk_leaves(tree):
    """A copy of the map structure with oversized arrays chunked."""
    if isinstance(tree, Mapping):
        return {key: _chunk_leaves(value) for key, value in tree.items()}
    if isinstance(tree, np.ndarray) and tree.nbytes > MAX_CHUNK_SIZE:
        return _chunk(tree)
    return tree


def _unchunk_leaves(tree):
    if isinstance(tree, dict):
        if _CHUNKED in tree:
            return _unchunk(tree)
        return {key: _unchunk_leaves(value) for key, value in tree.items()}
    return tree


def msgpack_serialize(tree: Mapping) -> bytes:
    """Encodes a tree of string-keyed dicts as Flax's `msgpack_serialize` does.

    Args:
      tree: nested mappings with string keys; leaves are NumPy arrays or
        scalars, Python scalars, strings or None.

    Returns:
      The msgpack bytes (what `flax.serialization.to_bytes` writes).

    Raises:
      TypeError: a leaf of an unsupported type.
    """
    tree = _chunk_leaves(tree)
    # strict_types as in Flax: numpy.float64 subclasses float, and would
    # otherwise be packed as a plain float instead of a NumPy scalar (ext 3).
    return msgpack.packb(tree, default=_ext_pack, strict_types=True)


def msgpack_restore(data: bytes):
    """Decodes bytes written by Flax's `msgpack_serialize` / `to_bytes`.

    Returns:
      Nested dicts whose leaves are NumPy arrays, NumPy / Python scalars or
      strings; chunked arrays are reassembled.

    Raises:
      CheckpointFormatError: the bytes are not a complete msgpack document
        of this format.
    """
    try:
        tree = msgpack.unpackb(
            data, ext_hook=_ext_unpack, raw=False, strict_map_key=False
        )
    except CheckpointFormatError:
        raise
    except Exception as error:  # msgpack reports bad input in many types
        raise CheckpointFormatError(
            f"not a msgpack document ({type(error).__name__}: {error})"
        ) from None
    return _unchunk_leaves(tree)
