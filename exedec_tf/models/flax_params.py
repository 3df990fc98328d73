"""One-to-one mapping between Keras variables and the original Flax parameters.

Every Keras variable of an `ExeDecTransformer` has, below the model's own
name, exactly the path of its Flax parameter (models.md §10), and the same
layout, so nothing is renamed, transposed or reshaped:

| Flax path (below `params` / the optimizer's `target`) | shape |
|---|---|
| `encoder/embed/embedding` | `[V_in, D]` |
| `.../LayerNorm_k/{scale,bias}`, `.../*_norm/{scale,bias}` | `[D]` |
| `.../{query,key,value}/kernel` | `[D, H, dh]` |
| `.../out/kernel` | `[H, dh, D]` |
| `.../Embed_0/embedding` | `[num_buckets, H]` |
| `.../MLPBlock_0/Dense_0/{kernel,bias}` | `[D, F]`, `[F]` |
| `.../MLPBlock_0/Dense_1/{kernel,bias}` | `[F, D]`, `[D]` |
| `decoder/embed_output/embedding` | `[V_out, D]` |
| `decoder/logitdense/{kernel,bias}` | `[D, V_out]`, `[V_out]` |

The Keras variable `spec_decomposer/encoder/embed/embedding` is the Flax
parameter `encoder/embed/embedding`. The attention modules are
`RelativeSelfAttention_0` and `RelativeMultiHeadDotProductAttention_0`
(`SelfAttention_0` and `MultiHeadDotProductAttention_0` without relative
attention), and the blocks `encoder/encoderblock_l`,
`encoder/encoderdecoderblock_l` and `decoder/encoderdecoderblock_l`, as in
the original.
"""

import dataclasses
from collections.abc import Mapping

import keras
import numpy as np

_TOP_LEVEL = ("encoder", "decoder")


@dataclasses.dataclass(frozen=True)
class FlaxParam:
    """One parameter: its Flax path, Keras variable and (shared) shape."""

    # Slash-separated path in the Flax parameter tree, e.g. "encoder/embed/embedding".
    flax_path: str
    # The Keras variable holding it.
    variable: keras.Variable
    # Shape in both frameworks (no transposition is ever needed).
    shape: tuple[int, ...]


def flax_path_of(variable_path: str) -> str:
    """Flax path of a Keras variable path such as `spec_decomposer/encoder/...`.

    Raises:
      ValueError: the path does not lie below an `encoder` or `decoder` layer.
    """
    parts = variable_path.split("/")
    starts = [i for i, part in enumerate(parts) if part in _TOP_LEVEL]
    if not starts:
        raise ValueError(f"variable {variable_path!r} is not in an encoder/decoder")
    return "/".join(parts[starts[0] :])


def flax_param_paths(model: keras.Model) -> list[FlaxParam]:
    """Every weight of `model` with its Flax path, sorted by Flax path.

    The sort order is the order in which Flax flattens its tree.

    Raises:
      ValueError: two variables map to one path (which would mean the layer
        names were changed).
    """
    params = [
        FlaxParam(flax_path_of(v.path), v, tuple(int(d) for d in v.shape))
        for v in model.weights
    ]
    paths = [p.flax_path for p in params]
    if len(set(paths)) != len(paths):
        duplicates = sorted({p for p in paths if paths.count(p) > 1})
        raise ValueError(f"several variables map to {duplicates}")
    return sorted(params, key=lambda p: p.flax_path)


def flatten_flax_tree(tree: Mapping, prefix: str = "") -> dict[str, np.ndarray]:
    """Nested dicts of arrays (a restored Flax tree) -> {"a/b/c": array}."""
    flat = {}
    for key, value in tree.items():
        path = f"{prefix}/{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            flat.update(flatten_flax_tree(value, path))
        else:
            flat[path] = np.asarray(value)
    return flat


def get_flax_params(model: keras.Model) -> dict[str, np.ndarray]:
    """The model's weights as a flat {Flax path: float32 array} dict."""
    return {p.flax_path: np.array(p.variable.numpy()) for p in flax_param_paths(model)}


def set_flax_params(model: keras.Model, params: Mapping) -> None:
    """Assigns Flax parameters (flat by path, or nested) to the model's weights.

    Args:
      model: an `ExeDecTransformer`.
      params: `{flax path: array}`, or the nested Flax tree with top-level
        keys `encoder` and `decoder`.

    Raises:
      ValueError: a parameter is missing, unexpected or of the wrong shape;
        nothing is assigned then.
    """
    if any(isinstance(v, Mapping) for v in params.values()):
        params = flatten_flax_tree(params)
    expected = {p.flax_path: p for p in flax_param_paths(model)}
    missing = sorted(set(expected) - set(params))
    unexpected = sorted(set(params) - set(expected))
    if missing or unexpected:
        raise ValueError(
            f"Flax parameters do not match the model: missing {missing}, "
            f"unexpected {unexpected}"
        )
    arrays = {}
    for path, param in expected.items():
        array = np.asarray(params[path], dtype=np.float32)
        if array.shape != param.shape:
            raise ValueError(
                f"{path}: shape {array.shape} does not match the model's {param.shape}"
            )
        arrays[path] = array
    for path, param in expected.items():
        param.variable.assign(arrays[path])
