"""Resumable, verified download of one bucket object into the cache.

The object is fetched to `<dest>.part` (resumed with an HTTP Range request
after an interruption), checked against the listed size and MD5 (CRC32C
when the object has no MD5), and only then renamed to `dest`. A lock file
serialises concurrent downloads of the same object: the second process
waits and then finds the finished file.
"""

import os
import pathlib

import requests

from exedec_tf.presets.bucket import BucketClient, RemoteObject
from exedec_tf.presets.cache import file_lock
from exedec_tf.presets.checksums import verify_file
from exedec_tf.presets.errors import BucketUnreachableError, ChecksumMismatchError

_CHUNK = 1 << 20


def _progress(total: int, initial: int, name: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(
        total=total,
        initial=initial,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        desc=name,
        disable=not enabled,
    )


def _fetch_into(client: BucketClient, obj: RemoteObject, part: pathlib.Path, bar):
    """Appends the rest of the object to `part`; True when it is complete."""
    offset = part.stat().st_size if part.exists() else 0
    if offset > obj.size:
        part.unlink()
        offset = 0
    if offset == obj.size:
        return True
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    response = client.get(client.media_url(obj.name), headers=headers, stream=True)
    with response:
        if response.status_code == 416:  # Range past the end: start over.
            part.unlink(missing_ok=True)
            return False
        if response.status_code not in (200, 206):
            raise BucketUnreachableError(
                f"downloading {client.media_url(obj.name)} answered HTTP "
                f"{response.status_code}"
            )
        mode = "ab" if response.status_code == 206 and offset else "wb"
        if mode == "wb":
            bar.reset(total=obj.size)
        with open(part, mode) as out:
            for chunk in response.iter_content(_CHUNK):
                out.write(chunk)
                bar.update(len(chunk))
    return part.stat().st_size == obj.size


def download_object(
    client: BucketClient,
    obj: RemoteObject,
    dest,
    progress: bool = True,
    max_resumes: int = 5,
) -> pathlib.Path:
    """Makes `dest` a verified copy of `obj`; returns it.

    Args:
      client: the bucket.
      obj: the listed object (size and checksums).
      dest: the final path; if it exists it was verified and is reused.
      progress: show a byte progress bar.
      max_resumes: how often a connection dropped mid-file is resumed.

    Raises:
      BucketUnreachableError: the host fails more often than allowed.
      ChecksumMismatchError: the complete download is corrupt (deleted).
    """
    dest = pathlib.Path(dest)
    if dest.is_file():
        return dest
    with file_lock(dest.with_name(dest.name + ".lock")):
        if dest.is_file():  # Another process finished it while we waited.
            return dest
        part = dest.with_name(dest.name + ".part")
        initial = part.stat().st_size if part.exists() else 0
        with _progress(obj.size, initial, dest.name, progress) as bar:
            for _ in range(max_resumes + 1):
                try:
                    if _fetch_into(client, obj, part, bar):
                        break
                except requests.RequestException:
                    continue  # Dropped mid-file: resume from what arrived.
            else:
                raise BucketUnreachableError(
                    f"downloading {client.media_url(obj.name)} broke off "
                    f"{max_resumes + 1} times; rerun to resume from {part}"
                )
        try:
            verify_file(part, obj.size, obj.md5_hash, obj.crc32c)
        except ChecksumMismatchError:
            part.unlink(missing_ok=True)
            raise
        os.replace(part, dest)
    return dest
