"""exedec_tf.source_layout: the checkout's folders under their installed names."""

import ast
import pathlib
import re
import sys

import pytest

import exedec_tf.configs
import exedec_tf.datasets
from exedec_tf import source_layout

REPO = pathlib.Path(__file__).resolve().parents[1]


def test_mapped_names_are_the_checkout_folders():
    assert source_layout.checkout_root() == REPO
    assert exedec_tf.datasets.__path__ == [str(REPO / "tfds_builders")]
    assert exedec_tf.configs.__path__ == [str(REPO / "configs")]


def test_same_mapping_as_setup_py():
    tree = ast.parse((REPO / "setup.py").read_text())
    (mapped,) = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and node.targets[0].id == "MAPPED"
    ]
    assert ast.literal_eval(mapped) == source_layout.MAPPED


def test_finder_answers_only_mapped_names(tmp_path):
    (tmp_path / "tfds_builders").mkdir()
    finder = source_layout.SourceLayoutFinder(tmp_path)
    spec = finder.find_spec("exedec_tf.datasets")
    assert spec.origin == str(tmp_path / "tfds_builders" / "__init__.py")
    assert spec.submodule_search_locations == [str(tmp_path / "tfds_builders")]
    assert finder.find_spec("tfds_builders") is None
    assert finder.find_spec("exedec_tf.data") is None


def test_install_adds_one_finder():
    source_layout.install()
    finders = [
        f for f in sys.meta_path if isinstance(f, source_layout.SourceLayoutFinder)
    ]
    assert len(finders) == 1


def test_builders_register_on_import():
    tfds = pytest.importorskip("tensorflow_datasets")
    for name in ("exedec_robustfill", "exedec_deepcoder"):
        builder = tfds.builder_cls(name)
        assert builder.__module__.startswith("exedec_tf.datasets.")
        # TFDS reads these beside the module, whatever the package is called.
        assert (builder.pkg_dir_path / "checksums.tsv").is_file()
        assert builder.code_path.parent == builder.pkg_dir_path


# A module imported under its folder name would be a second copy of it (and
# TFDS refuses to register a builder twice).
_FOLDER_IMPORT = re.compile(
    r"^\s*(from|import)\s+(configs|tfds_builders)\b"
    r"|(import_module|importorskip)\(\s*f?[\"'](configs|tfds_builders)\b",
    re.MULTILINE,
)


@pytest.mark.parametrize(
    "line, found",
    [
        ("from configs import get_config", True),
        ("    import tfds_builders.exedec_robustfill", True),
        ('importlib.import_module(f"tfds_builders.{name}")', True),
        ("from exedec_tf.configs import get_config", False),
        ('folder = "tfds_builders"', False),
    ],
)
def test_folder_import_pattern(line, found):
    assert bool(_FOLDER_IMPORT.search(line)) == found


def test_nothing_imports_the_folders_by_their_checkout_names():
    offenders = []
    for folder in ("exedec_tf", "configs", "tfds_builders", "scripts", "tests"):
        for path in sorted((REPO / folder).rglob("*.py")):
            if path == pathlib.Path(__file__).resolve():
                continue  # the examples of test_folder_import_pattern
            text = path.read_text()
            for match in _FOLDER_IMPORT.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(REPO)}:{line}")
    assert not offenders, (
        f"import exedec_tf.configs / exedec_tf.datasets instead: {offenders}"
    )


def test_the_package_names_no_module_by_its_checkout_folder():
    # A module name in a string (a registry default, an import_module
    # argument) must be the installed one too: the wheel has no `configs`.
    # (A bare "tfds_builders" may be the folder of a checkout, not a module.)
    folder_name = re.compile(r"^(configs|tfds_builders)\.|^configs$")
    offenders = []
    for path in sorted((REPO / "exedec_tf").rglob("*.py")):
        if path.name == "source_layout.py":
            continue  # the mapping itself
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if folder_name.match(node.value):
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders, (
        f"name exedec_tf.configs / exedec_tf.datasets instead: {offenders}"
    )
