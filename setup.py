"""Which folders of the checkout become which packages of the wheel.

The repository keeps `tfds_builders/` and `configs/` beside `exedec_tf/`; the
wheel installs them inside the package, as `exedec_tf.datasets` (the TFDS
builders, their folder convention kept: checksums.tsv, CITATIONS.bib,
README.md and dummy_data/ ship as package data) and `exedec_tf.configs` (the
named-config registry), so nothing is installed as a generic top-level
package. In a source checkout `exedec_tf.source_layout` gives the same names.
Everything else about the project is in pyproject.toml.
"""

import setuptools

# Installed package name -> folder of the checkout.
MAPPED = {"exedec_tf.datasets": "tfds_builders", "exedec_tf.configs": "configs"}

# The TFDS folder convention: files a builder reads beside its module.
BUILDER_DATA = [
    "*/checksums.tsv",
    "*/CITATIONS.bib",
    "*/README.md",
    "*/dummy_data/**/*",
]


def packages() -> list[str]:
    """`exedec_tf` and its subpackages, then the mapped folders' packages."""
    found = setuptools.find_packages(include=["exedec_tf", "exedec_tf.*"])
    for name, folder in MAPPED.items():
        found += [name] + [f"{name}.{sub}" for sub in setuptools.find_packages(folder)]
    return found


setuptools.setup(
    packages=packages(),
    package_dir=MAPPED,
    package_data={
        "exedec_tf.datasets": BUILDER_DATA,
        "exedec_tf.service": ["static/*.html", "static/*.js"],
    },
)
