"""The public `exedec` bucket over plain HTTPS (GCS JSON API, no Google SDK).

Listing: `GET <bucket_url>/storage/v1/b/exedec/o?prefix=...&pageToken=...`,
whose items carry `name`, `size`, `md5Hash` and `crc32c` (both base64).
Objects: `GET <bucket_url>/exedec/<object name>`. `bucket_url` is
`https://storage.googleapis.com` unless `$EXEDEC_TF_BUCKET_URL` or an
explicit URL names a mirror.
"""

import dataclasses
import os
import re
import time
import urllib.parse

import requests

from exedec_tf.presets.errors import (
    BucketUnreachableError,
    CheckpointNotFoundError,
)
from exedec_tf.presets.registry import CheckpointSpec

DEFAULT_BUCKET_URL = "https://storage.googleapis.com"
BUCKET = "exedec"
BUCKET_URL_ENV = "EXEDEC_TF_BUCKET_URL"
_CHECKPOINT = re.compile(r"checkpoint_(\d+)")
# Other names the baseline's model folder might have (the scripts name none).
_MODEL_DIR_ALIASES = {"baseline_model": ("baseline_model", "baseline")}


def bucket_url(explicit: str | None = None) -> str:
    """The host to use: `explicit`, else `$EXEDEC_TF_BUCKET_URL`, else GCS."""
    url = explicit or os.environ.get(BUCKET_URL_ENV) or DEFAULT_BUCKET_URL
    return url.rstrip("/")


@dataclasses.dataclass(frozen=True)
class RemoteObject:
    """One listed object."""

    name: str
    size: int
    # Base64 MD5 of the content; None for composite objects.
    md5_hash: str | None = None
    # Base64 big-endian CRC32C of the content.
    crc32c: str | None = None

    @property
    def step(self) -> int | None:
        """The step of a `.../checkpoint_<step>` object, else None."""
        match = _CHECKPOINT.fullmatch(self.name.rsplit("/", 1)[-1])
        return int(match.group(1)) if match else None


class BucketClient:
    """Lists and fetches objects of the bucket, retrying transient failures."""

    def __init__(
        self,
        url: str | None = None,
        session: requests.Session | None = None,
        timeout_s: float = 30.0,
        attempts: int = 4,
        backoff_s: float = 0.5,
    ):
        self.url = bucket_url(url)
        self.session = session or requests.Session()
        self.timeout_s = timeout_s
        self.attempts = attempts
        self.backoff_s = backoff_s

    def media_url(self, name: str) -> str:
        """The download URL of one object."""
        return f"{self.url}/{BUCKET}/{urllib.parse.quote(name, safe='/=,')}"

    def get(self, url: str, **kwargs) -> requests.Response:
        """GET with retries on connection errors and 5xx answers.

        Raises:
          BucketUnreachableError: every attempt failed.
        """
        last = None
        for attempt in range(self.attempts):
            if attempt:
                time.sleep(self.backoff_s * 2 ** (attempt - 1))
            try:
                response = self.session.get(url, timeout=self.timeout_s, **kwargs)
            except requests.RequestException as error:
                last = f"{type(error).__name__}: {error}"
                continue
            if response.status_code < 500:
                return response
            last = f"HTTP {response.status_code}"
            response.close()
        raise BucketUnreachableError(
            f"cannot reach {url} after {self.attempts} attempts ({last})"
        )

    def list_objects(self, prefix: str) -> list[RemoteObject]:
        """Every object whose name starts with `prefix`, following pages.

        Raises:
          BucketUnreachableError: the listing fails or is not JSON.
        """
        url = f"{self.url}/storage/v1/b/{BUCKET}/o"
        params = {
            "prefix": prefix,
            "fields": "items(name,size,md5Hash,crc32c),nextPageToken",
        }
        objects = []
        while True:
            response = self.get(url, params=params)
            if response.status_code != 200:
                raise BucketUnreachableError(
                    f"listing {url}?prefix={prefix} answered HTTP "
                    f"{response.status_code}: {response.text[:200]}"
                )
            try:
                page = response.json()
            except ValueError:
                raise BucketUnreachableError(
                    f"listing {url}?prefix={prefix} did not answer JSON"
                ) from None
            for item in page.get("items", []):
                objects.append(
                    RemoteObject(
                        name=item["name"],
                        size=int(item["size"]),
                        md5_hash=item.get("md5Hash"),
                        crc32c=item.get("crc32c"),
                    )
                )
            token = page.get("nextPageToken")
            if not token:
                return objects
            params = {**params, "pageToken": token}


def latest_checkpoint(objects, directory: str) -> RemoteObject | None:
    """The highest-step `checkpoint_<step>` directly inside `directory`."""
    found = [
        o
        for o in objects
        if o.name.rsplit("/", 1)[0] + "/" == directory and o.step is not None
    ]
    return max(found, key=lambda o: o.step, default=None)


def find_checkpoint(client: BucketClient, spec: CheckpointSpec) -> RemoteObject:
    """The latest checkpoint of one preset model in the bucket.

    The directory the scripts name is tried first; failing that, the model
    type's `checkpoints/` folder is listed and the directory with the spec's
    experiment and seed is taken (the baseline's name is only assumed).

    Raises:
      CheckpointNotFoundError: nothing matches, or several directories do.
      BucketUnreachableError: see `BucketClient`.
    """
    found = latest_checkpoint(client.list_objects(spec.prefix), spec.prefix)
    if found is not None:
        return found
    candidates = {}
    for model_dir in _MODEL_DIR_ALIASES.get(spec.model_type, (spec.model_type,)):
        prefix = f"trained_models/{spec.domain}/{model_dir}/checkpoints/"
        for obj in client.list_objects(prefix):
            directory, _, _ = obj.name.rpartition("/")
            hparam_dir = directory[len(prefix) :]
            if "/" not in hparam_dir and spec.matches(hparam_dir):
                candidates.setdefault(directory + "/", []).append(obj)
    if len(candidates) > 1:
        raise CheckpointNotFoundError(
            f"several checkpoint directories match {spec.model_type} "
            f"e={spec.experiment} s={spec.seed}: {sorted(candidates)}"
        )
    for directory, objects in candidates.items():
        found = latest_checkpoint(objects, directory)
        if found is not None:
            return found
    raise CheckpointNotFoundError(
        f"no checkpoint_<step> object under {client.url}/{BUCKET}/{spec.prefix} "
        f"(nor another {spec.checkpoints_prefix} directory with "
        f"e={spec.experiment},s={spec.seed})"
    )
