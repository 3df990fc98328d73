"""Official locations and checksums of the released ExeDec data, and a downloader.

The files are pinned to one commit of github.com/google-deepmind/exedec (data
licensed CC-BY 4.0). Downloads are verified against the sha256 sums below and
written atomically, so an interrupted download never leaves a partial file.
"""

import hashlib
import os
import pathlib
import tempfile
import urllib.request

from exedec_tf.data.released import DOMAINS, released_file
from exedec_tf.errors import ConfigError, ExeDecError
from exedec_tf.experiments import ALL_EXPERIMENTS, parse_experiment

COMMIT = "ef046ce2cc3fcd024e32f5dfe00e69700dac82ed"
BASE_URL = f"https://raw.githubusercontent.com/google-deepmind/exedec/{COMMIT}/data"
FAMILIES = ("test_data", "llm_data")

# (family, domain, EXPERIMENT) -> (size in bytes, sha256).
CHECKSUMS = {
    ("test_data", "deepcoder", "ADD_OP_FUNCTIONALITY"): (
        242293,
        "814a7c6114c6efb276a92eef63c4feeda412c52acd65caa41825c09ca456710a",
    ),  # noqa: E501
    ("test_data", "deepcoder", "COMPOSE_DIFFERENT_CONCEPTS"): (
        245998,
        "0acdb1d9a502278ea6f3d2ec92db1b903e849464af4b9a078cdbc801f1457cb5",
    ),  # noqa: E501
    ("test_data", "deepcoder", "COMPOSE_NEW_OP"): (
        246717,
        "cb3159d22cf3e8e7567cc5c1339e5a94f5bb75177de23cee8323480aa45a7d02",
    ),  # noqa: E501
    ("test_data", "deepcoder", "LENGTH_GENERALIZATION"): (
        283907,
        "5230506b594069f48d52658fb78647e0d79e1178d3c01ab7aefdd135791f0c77",
    ),  # noqa: E501
    ("test_data", "deepcoder", "NONE"): (
        243652,
        "285a425c3a63bde4c860631a3cebff642ff57e06c012a29b08daaa676441366a",
    ),  # noqa: E501
    ("test_data", "deepcoder", "SWITCH_CONCEPT_ORDER"): (
        241655,
        "6050bc79613d6fd33ed0fc783a25ea60189a5ce6e40fc842bc20bfd3291ed537",
    ),  # noqa: E501
    ("test_data", "robustfill", "ADD_OP_FUNCTIONALITY"): (
        301867,
        "e2891dc00fd934185351d093fd4f2a22de8e13d6a313e5d117639cb1c370b4e8",
    ),  # noqa: E501
    ("test_data", "robustfill", "COMPOSE_DIFFERENT_CONCEPTS"): (
        352098,
        "4fbd2fa96e5fc58fdb08b9a8b14e4a0f7e1620d6e0263c522490d7001bbecf84",
    ),  # noqa: E501
    ("test_data", "robustfill", "COMPOSE_NEW_OP"): (
        332554,
        "5bc0a71f49351e9b2343f1f5840ce48eb582396be95d445ec3483950646e45f8",
    ),  # noqa: E501
    ("test_data", "robustfill", "LENGTH_GENERALIZATION"): (
        511141,
        "f593d41627c6665db91d1a000c2cca2dca025fdddd3c004bc4d24ee3a8e9262e",
    ),  # noqa: E501
    ("test_data", "robustfill", "NONE"): (
        395645,
        "abf31f63a87a9374be573d1e7a5b72452b0e070f31d277814093bd078d9e5570",
    ),  # noqa: E501
    ("test_data", "robustfill", "SWITCH_CONCEPT_ORDER"): (
        346729,
        "a92a2780b7fe9d820542859212cf10cefd40dc724e8ea9ab3389b5e859d8e457",
    ),  # noqa: E501
    ("llm_data", "deepcoder", "ADD_OP_FUNCTIONALITY"): (
        192179,
        "dda8cf12e3b2b32d1406a20e44c5681f7930b5d0493363d9cc17d58bf4f12663",
    ),  # noqa: E501
    ("llm_data", "deepcoder", "COMPOSE_DIFFERENT_CONCEPTS"): (
        203760,
        "5a6386d13073b87ae9c65c56b220bc962807b3102360dd548c6d86428dd0ddfb",
    ),  # noqa: E501
    ("llm_data", "deepcoder", "COMPOSE_NEW_OP"): (
        191928,
        "d0e9bd157052ed8030b7eee2e18b6d7a791925058e367451504dc324a8f9e796",
    ),  # noqa: E501
    ("llm_data", "deepcoder", "LENGTH_GENERALIZATION"): (
        187614,
        "6d060c79b7f75c610af1239f461be41a97a5e621b1e72d2659497a9491a1189b",
    ),  # noqa: E501
    ("llm_data", "deepcoder", "NONE"): (
        193896,
        "64ad0f41cbcec0e8508e280e9fcfb9f4f4836c2bcc0275779c4920d5d312f3d8",
    ),  # noqa: E501
    ("llm_data", "deepcoder", "SWITCH_CONCEPT_ORDER"): (
        201587,
        "c4fa0e047721d838005faa1842ac9010380f20fcf978ae21f78d37b2d498a935",
    ),  # noqa: E501
    ("llm_data", "robustfill", "ADD_OP_FUNCTIONALITY"): (
        239773,
        "f146183d921e3741994d8e61490c68ca0fafa6b7f69e9a325d728e6b575ab64c",
    ),  # noqa: E501
    ("llm_data", "robustfill", "COMPOSE_DIFFERENT_CONCEPTS"): (
        277748,
        "f87b10cedd0fba0a31a1483bd34da444c30cb064a598e00bca9d2c96ae83fbc4",
    ),  # noqa: E501
    ("llm_data", "robustfill", "COMPOSE_NEW_OP"): (
        240930,
        "38c6efc64c9a973a4d11992b5a83abd8743a358d1c92e6fa14598ea2aea03b33",
    ),  # noqa: E501
    ("llm_data", "robustfill", "LENGTH_GENERALIZATION"): (
        227362,
        "b6639e82ad698f8fba08a0259e46b0faa255dd5a09f7fbf0687454bcc86c8e3b",
    ),  # noqa: E501
    ("llm_data", "robustfill", "NONE"): (
        238121,
        "f36c851b8c5af9217390c73a45348031e5c6a1840f0d8752289ace8b08be6a43",
    ),  # noqa: E501
    ("llm_data", "robustfill", "SWITCH_CONCEPT_ORDER"): (
        275399,
        "a77d52859b4e5a9d970e721f8d9b35a2dbd7b70c6d6ad1cfe7adda0683d7d86a",
    ),  # noqa: E501
}


class ChecksumError(ExeDecError, ValueError):
    """A downloaded or cached file does not match its registered sha256."""


def default_cache_dir() -> pathlib.Path:
    """Where downloads go unless told otherwise: $EXEDEC_DATA_DIR or ~/.cache."""
    env = os.environ.get("EXEDEC_DATA_DIR")
    if env:
        return pathlib.Path(env)
    return pathlib.Path.home() / ".cache" / "exedec_tf" / "released"


def file_url(family: str, domain: str, experiment, base_url: str = BASE_URL) -> str:
    """Returns the URL of one released file under `base_url`."""
    _check_family(family)
    rel = released_file(family, domain, experiment)
    return f"{base_url.rstrip('/')}/{rel.as_posix()}"


def sha256_of(path) -> str:
    """Returns the hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_family(family: str) -> None:
    if family not in FAMILIES:
        raise ConfigError(
            f"unknown released family {family!r}; expected one of {FAMILIES}"
        )


def verify_file(path, family: str, domain: str, experiment) -> None:
    """Raises ChecksumError unless `path` has the registered size and sha256."""
    exp = parse_experiment(experiment)
    size, expected = CHECKSUMS[(family, domain, exp.name)]
    actual = sha256_of(path)
    if actual != expected:
        raise ChecksumError(
            f"{path}: sha256 {actual} does not match the registered {expected} "
            f"for {family}/{domain}/{exp.name} ({size} bytes)"
        )


def fetch_file(
    family: str, domain: str, experiment, cache_dir=None, base_url: str = BASE_URL
) -> pathlib.Path:
    """Returns the local path of one released file, downloading it if needed.

    A cached copy is reused only if its checksum matches. New downloads are
    written to a temporary file, verified, then renamed into place.
    """
    _check_family(family)
    cache_dir = pathlib.Path(cache_dir) if cache_dir else default_cache_dir()
    dest = released_file(cache_dir / family, domain, experiment)
    if dest.is_file():
        verify_file(dest, family, domain, experiment)
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    url = file_url(family, domain, experiment, base_url)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".part")
    try:
        with (
            os.fdopen(fd, "wb") as out,
            urllib.request.urlopen(url, timeout=60) as resp,
        ):
            for block in iter(lambda: resp.read(1 << 20), b""):
                out.write(block)
        verify_file(tmp, family, domain, experiment)
        os.replace(tmp, dest)
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise
    return dest


def fetch_family(
    family: str, cache_dir=None, base_url: str = BASE_URL, domains=DOMAINS
) -> pathlib.Path:
    """Downloads (or verifies) every file of a family; returns the family directory."""
    _check_family(family)
    cache_dir = pathlib.Path(cache_dir) if cache_dir else default_cache_dir()
    for domain in domains:
        for exp in ALL_EXPERIMENTS:
            fetch_file(family, domain, exp, cache_dir, base_url)
    return cache_dir / family
