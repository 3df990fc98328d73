"""The installed package names of the folders beside `exedec_tf/` in a checkout.

A wheel installs `tfds_builders/` as `exedec_tf.datasets` and `configs/` as
`exedec_tf.configs` (see setup.py). In a source checkout run without
installing (`PYTHONPATH=<checkout>`, or pytest from the checkout) those
folders are not inside `exedec_tf/`; the finder below gives them the same
names there, so every importer uses one name that works from the checkout,
an editable install and a wheel alike (a second name would import a builder
twice, and TFDS refuses a second registration).
"""

import importlib.abc
import importlib.util
import pathlib
import sys

# Installed package name -> folder of the checkout (as in setup.py).
MAPPED = {"exedec_tf.datasets": "tfds_builders", "exedec_tf.configs": "configs"}

_PACKAGE = pathlib.Path(__file__).resolve().parent


def checkout_root() -> pathlib.Path | None:
    """The checkout holding this package, or None when it is installed."""
    root = _PACKAGE.parent
    if (root / "pyproject.toml").is_file() and (root / "setup.py").is_file():
        return root
    return None


class SourceLayoutFinder(importlib.abc.MetaPathFinder):
    """Finds the mapped packages in their checkout folders.

    Args:
      root: the checkout whose folders `MAPPED` names.
    """

    def __init__(self, root: pathlib.Path):
        self.root = root

    def find_spec(self, fullname, path=None, target=None):
        """The spec of a mapped package; None for every other name."""
        folder = MAPPED.get(fullname)
        if folder is None:
            return None
        location = self.root / folder
        return importlib.util.spec_from_file_location(
            fullname,
            location / "__init__.py",
            submodule_search_locations=[str(location)],
        )


def install() -> None:
    """Adds the finder once, after the regular ones, in a source checkout."""
    root = checkout_root()
    if root is None or any(isinstance(f, SourceLayoutFinder) for f in sys.meta_path):
        return
    # Last: an installed copy (wheel or editable finder) is found first.
    sys.meta_path.append(SourceLayoutFinder(root))
