"""The built wheel, installed into a fresh virtualenv, away from the checkout.

Builds the wheel (`pip wheel --no-deps`, from a copy of the sources),
checks what it carries (the TFDS builders with their package data under
`exedec_tf.datasets`, the configs under `exedec_tf.configs`, no generic
top-level package, the license), then
installs it non-editable into a new virtualenv (no system site-packages) and,
from a folder outside the checkout with no PYTHONPATH, builds a tiny config
of `exedec_robustfill` by name with the `tfds` command line
(`--imports=exedec_tf.datasets`) and loads it with `tfds.load`.

The released files come from the installed package's own `dummy_data/`
(given as `--manual_dir`, in the unverified `*_sample` folders the builder
accepts), so nothing is downloaded at build time.

Dependencies: by default the new virtualenv sees this interpreter's
installed packages through a `.pth` file (its site-packages is not a site
directory there, so its `.pth` files, e.g. an editable install of the
checkout, do not run), which keeps the test to about a minute. Set
EXEDEC_WHEEL_TEST_INSTALL_DEPS=1 to let pip install the declared
dependencies into the virtualenv instead (slow: TensorFlow and Beam).
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile

import pytest

pytestmark = pytest.mark.slow

REPO = pathlib.Path(__file__).resolve().parents[1]
CONFIG = {
    "name": "compose_new_op_tiny",
    "experiment": "COMPOSE_NEW_OP",
    "scale": "tiny",
    "sizes": {"train": [1, 5], "valid": [1, 3], "test": [1, 3]},
}
# The dummy released files hold these rows (tfds_builders/*/dummy_data/README.md).
DUMMY_TEST_ROWS, DUMMY_LLM_ROWS = 5, 3


def _clean_env() -> dict:
    """This environment without the checkout on the path, TensorFlow quiet."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    return env


def _run(args, cwd=None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        args, capture_output=True, text=True, cwd=cwd, env=_clean_env()
    )
    assert result.returncode == 0, (
        f"{args} exited {result.returncode}\n"
        f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-6000:]}"
    )
    return result


# Not copied into the build: setuptools builds in the source folder, and a
# stale build/ would put removed files into the wheel (or race under xdist).
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache",
    "exedec_demo", "data_cache",
)  # fmt: skip


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("wheel")
    source = out / "source"
    shutil.copytree(REPO, source, ignore=_NOT_SOURCES, symlinks=True)
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source)],
        cwd=out,
    )
    (found,) = out.glob("exedec_tf-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> pathlib.Path:
    """A fresh virtualenv with the wheel installed; returns its python."""
    root = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", str(root)], cwd=root.parent)
    python = root / "bin" / "python"
    if os.environ.get("EXEDEC_WHEEL_TEST_INSTALL_DEPS") == "1":
        _run([python, "-m", "pip", "install", "-q", str(wheel)])
    else:
        _run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)])
        site = pathlib.Path(
            _run(
                [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
            ).stdout.strip()
        )
        borrowed = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
        (site / "borrowed_dependencies.pth").write_text("\n".join(sorted(borrowed)))
    return python


def test_wheel_carries_the_builders_and_configs_inside_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for domain, experiment in (
        ("robustfill", "COMPOSE_NEW_OP"),
        ("deepcoder", "SWITCH_CONCEPT_ORDER"),
    ):
        folder = f"exedec_tf/datasets/exedec_{domain}/"
        for name in (
            f"exedec_{domain}_dataset_builder.py",
            "checksums.tsv",
            "CITATIONS.bib",
            "README.md",
            "dummy_data/README.md",
            f"dummy_data/data/test_data/{domain}/{experiment}.jsonl",
            f"dummy_data/data/llm_data/{domain}/{experiment}.jsonl",
        ):
            assert folder + name in names
    assert "exedec_tf/datasets/__init__.py" in names
    assert "exedec_tf/configs/registry.py" in names
    assert "exedec_tf/service/static/index.html" in names
    assert "exedec_tf-0.1.0.dist-info/licenses/LICENSE" in names
    top_level = {name.split("/")[0] for name in names}
    assert top_level == {"exedec_tf", "exedec_tf-0.1.0.dist-info"}


def test_dummy_data_in_the_wheel_is_the_committed_rows(wheel):
    archive = zipfile.ZipFile(wheel)
    name = "dummy_data/data/test_data/robustfill/COMPOSE_NEW_OP.jsonl"
    shipped = archive.read("exedec_tf/datasets/exedec_robustfill/" + name)
    assert shipped == (REPO / "tfds_builders/exedec_robustfill" / name).read_bytes()
    assert len(shipped.decode().splitlines()) == DUMMY_TEST_ROWS


def test_installed_wheel_builds_and_loads_a_config_by_name(venv, tmp_path):
    where = _run(
        [
            venv,
            "-c",
            "import importlib.util, exedec_tf, exedec_tf.configs;"
            "print(exedec_tf.__file__);"
            "print(importlib.util.find_spec('configs'),"
            " importlib.util.find_spec('tfds_builders'))",
        ],
        cwd=tmp_path,
    ).stdout.splitlines()
    assert pathlib.Path(where[0]).is_relative_to(venv.parent.parent)
    assert where[1] == "None None"

    package = pathlib.Path(
        _run(
            [venv, "-c", "import exedec_tf.datasets as d; print(d.__path__[0])"],
            cwd=tmp_path,
        ).stdout.strip()
    )
    manual = tmp_path / "manual"
    for family in ("test_data", "llm_data"):
        shutil.copytree(
            package / "exedec_robustfill" / "dummy_data" / "data" / family,
            manual / f"{family}_sample",
        )
    data_dir = tmp_path / "tfds"
    _run(
        [
            venv,
            "-m",
            "tensorflow_datasets.scripts.cli.main",
            "build",
            "exedec_robustfill",
            "--imports=exedec_tf.datasets",
            f"--config={json.dumps(CONFIG)}",
            f"--data_dir={data_dir}",
            f"--manual_dir={manual}",
        ],
        cwd=tmp_path,
    )
    assert (data_dir / "exedec_robustfill" / CONFIG["name"] / "1.0.0").is_dir()

    load = textwrap.dedent(
        f"""
        import tensorflow_datasets as tfds
        import exedec_tf.datasets
        builder = tfds.builder("exedec_robustfill/{CONFIG["name"]}",
                               data_dir={str(data_dir)!r})
        splits = {{name: len(list(tfds.load(
            "exedec_robustfill/{CONFIG["name"]}", split=name,
            data_dir={str(data_dir)!r}))) for name in builder.info.splits}}
        print(sorted(splits.items()))
        print(builder.info.redistribution_info.license)
        print(builder.info.citation.split("{{")[0])
        """
    )
    lines = _run([venv, "-c", load], cwd=tmp_path).stdout.splitlines()
    assert lines[0] == str(
        sorted(
            {
                "train": 5,
                "valid": 3,
                "test": 3,
                "test_released": DUMMY_TEST_ROWS,
                "llm": DUMMY_LLM_ROWS,
            }.items()
        )
    )
    assert "CC-BY 4.0" in lines[1]
    assert lines[2] == "@inproceedings"


def test_installed_command_line_answers_quietly(venv, tmp_path):
    command = venv.parent / "exedec-tf"
    out = _run([command, "--version"], cwd=tmp_path)
    assert out.stdout.strip() == "exedec-tf 0.1.0"
    # The registry is found under its installed name.
    result = subprocess.run(
        [command, "train", "--config=nope", "--dataset_dir=d", "--workdir=w"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(),
    )
    assert result.returncode == 2
    assert result.stderr.startswith("exedec-tf train: error: unknown config 'nope'")
