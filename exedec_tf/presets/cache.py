"""Where presets live on disk, and a lock so two processes never collide.

    <root>/checkpoints/<checksum key>/checkpoint_<step>   verified downloads
    <root>/exports/<checksum key>/<model_type>_L<L>_T<T>  SavedModels
    <root>/remote/<object name>.json                      listing (sizes)

`<root>` is `$EXEDEC_TF_CACHE` or `~/.cache/exedec_tf/models`. A file or
folder appears under its final name only once complete (written under a
temporary name, verified, renamed), so whatever is there can be used.
"""

import contextlib
import fcntl
import json
import os
import pathlib

CACHE_ENV = "EXEDEC_TF_CACHE"


def cache_root(explicit=None) -> pathlib.Path:
    """The cache folder: `explicit`, `$EXEDEC_TF_CACHE` or the default."""
    if explicit:
        return pathlib.Path(explicit).expanduser()
    env = os.environ.get(CACHE_ENV)
    if env:
        return pathlib.Path(env).expanduser()
    return pathlib.Path.home() / ".cache" / "exedec_tf" / "models"


@contextlib.contextmanager
def file_lock(path):
    """Holds an exclusive `flock` on `path` (created) for the block.

    The lock dies with its process, so a killed download never leaves a
    stale lock behind.
    """
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_json_atomic(path, value) -> None:
    """Writes JSON under a temporary name, then renames it into place."""
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(value, indent=1, sort_keys=True) + "\n")
    os.replace(tmp, path)


def read_json(path):
    """The JSON in `path`, or None when it is missing or unreadable."""
    try:
        return json.loads(pathlib.Path(path).read_text())
    except (OSError, ValueError):
        return None
