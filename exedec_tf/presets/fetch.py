"""A preset's checkpoint files on local disk: from the cache, a copied
folder (`--checkpoint_dir`) or a download from the bucket."""

import dataclasses
import pathlib

from exedec_tf.presets import cache
from exedec_tf.presets.bucket import (
    BUCKET,
    BucketClient,
    RemoteObject,
    find_checkpoint,
)
from exedec_tf.presets.checksums import cache_key, file_md5
from exedec_tf.presets.download import download_object
from exedec_tf.presets.errors import BucketUnreachableError, CheckpointNotFoundError
from exedec_tf.presets.registry import CheckpointSpec, Preset


@dataclasses.dataclass(frozen=True)
class LocalCheckpoint:
    """One model's checkpoint file, ready to convert."""

    spec: CheckpointSpec
    # The `checkpoint_<step>` file.
    path: pathlib.Path
    # Hex MD5 (or `crc32c-<hex>`): keys the exports made from it.
    key: str
    # Bytes.
    size: int
    # The name of the train.py directory it came from (its hparam string).
    hparam_str: str


def remote_record_path(root, spec: CheckpointSpec) -> pathlib.Path:
    """Where the listed object of a spec is remembered (for sizes, offline use)."""
    return pathlib.Path(root) / "remote" / (spec.prefix + "latest.json")


def remote_object(
    client: BucketClient, spec: CheckpointSpec, root, refresh: bool = False
) -> RemoteObject:
    """The spec's latest checkpoint object, from the remembered listing or the
    bucket (remembered for next time).

    A remembered listing is used whichever host it came from: a mirror
    serves the same objects, and the published checkpoints do not change
    (`refresh` lists again).
    """
    record_path = remote_record_path(root, spec)
    record = None if refresh else cache.read_json(record_path)
    if record:
        return RemoteObject(**record["object"])
    obj = find_checkpoint(client, spec)
    cache.write_json_atomic(
        record_path, {"bucket_url": client.url, "object": dataclasses.asdict(obj)}
    )
    return obj


def known_size(spec: CheckpointSpec, root) -> int | None:
    """The download size of a spec if a listing was remembered, else None."""
    record = cache.read_json(remote_record_path(root, spec))
    return int(record["object"]["size"]) if record else None


def offline_message(spec: CheckpointSpec, client_url: str, root, reason) -> str:
    """What to download, and where to put it, when the bucket is unreachable."""
    return (
        f"cannot fetch the {spec.model_type} of e={spec.experiment}, "
        f"s={spec.seed}: {reason}.\nDownload it elsewhere, e.g.\n"
        f"  gsutil -m cp -r gs://{BUCKET}/{spec.prefix} DIR\n"
        f"  (or {client_url}/{BUCKET}/{spec.prefix}checkpoint_<step>, the "
        "highest step listed)\n"
        "then pass --checkpoint_dir=DIR (a folder holding it, or a copy of "
        f"gs://{BUCKET}/trained_models), or point --bucket_url / "
        f"$EXEDEC_TF_BUCKET_URL at a mirror. Downloads are cached in {root}."
    )


def _local_candidates(base: pathlib.Path, spec: CheckpointSpec):
    """Folders under `base` that may hold the spec's checkpoint files."""
    parts = spec.prefix.strip("/").split("/")
    # A copy of any level of the layout: the bucket root, trained_models/,
    # the domain, the model type, checkpoints/, or the hparam folder itself.
    for start in range(len(parts)):
        yield base.joinpath(*parts[start:])
    if base.name == spec.hparam_str:
        yield base
    # Any hparam folder of this experiment and seed below `base`.
    for folder in sorted(base.glob(f"**/{spec.model_type}/checkpoints/*")):
        if spec.matches(folder.name):
            yield folder


def find_local_checkpoint(base, spec: CheckpointSpec) -> LocalCheckpoint:
    """The spec's newest checkpoint in a folder copied from the bucket.

    Raises:
      CheckpointNotFoundError: no such checkpoint below `base`.
    """
    from exedec_tf.models.flax_checkpoint import checkpoint_file

    base = pathlib.Path(base).expanduser()
    if not base.is_dir():
        raise CheckpointNotFoundError(f"--checkpoint_dir {base} is no folder")
    for folder in _local_candidates(base, spec):
        if folder.is_dir():
            try:
                path = checkpoint_file(folder)
            except FileNotFoundError:
                continue
            return LocalCheckpoint(
                spec,
                path,
                cache_key(file_md5(path), None),
                path.stat().st_size,
                path.parent.name,
            )
    raise CheckpointNotFoundError(
        f"no checkpoint_<step> for {spec.prefix} below {base} (copy it with "
        f"`gsutil -m cp -r gs://{BUCKET}/{spec.prefix} {base}`)"
    )


def fetch_checkpoint(
    spec: CheckpointSpec,
    *,
    client: BucketClient,
    root,
    checkpoint_dir=None,
    progress: bool = True,
) -> LocalCheckpoint:
    """The spec's checkpoint as a local file, downloading it if needed.

    Raises:
      BucketUnreachableError: offline or the host fails (the message says
        what to download and where to put it).
      CheckpointNotFoundError, ChecksumMismatchError: see the modules.
    """
    if checkpoint_dir is not None:
        return find_local_checkpoint(checkpoint_dir, spec)
    root = pathlib.Path(root)
    try:
        obj = remote_object(client, spec, root)
    except BucketUnreachableError as error:
        raise BucketUnreachableError(
            offline_message(spec, client.url, root, error)
        ) from None
    key = cache_key(obj.md5_hash, obj.crc32c)
    dest = root / "checkpoints" / key / obj.name.rsplit("/", 1)[-1]
    try:
        path = download_object(client, obj, dest, progress=progress)
    except BucketUnreachableError as error:
        raise BucketUnreachableError(
            offline_message(spec, client.url, root, error)
        ) from None
    return LocalCheckpoint(spec, path, key, obj.size, obj.name.split("/")[-2])


def fetch_preset(
    preset: Preset,
    *,
    bucket_url: str | None = None,
    cache_dir=None,
    checkpoint_dir=None,
    progress: bool = True,
) -> tuple[LocalCheckpoint, ...]:
    """Every checkpoint of a preset as local files (see `fetch_checkpoint`)."""
    client = BucketClient(bucket_url)
    root = cache.cache_root(cache_dir)
    return tuple(
        fetch_checkpoint(
            spec,
            client=client,
            root=root,
            checkpoint_dir=checkpoint_dir,
            progress=progress,
        )
        for spec in preset.checkpoints
    )
