"""Builds exedec_deepcoder (tiny scale, dummy released files) with the TFDS harness."""

from exedec_tf.datasets.exedec_deepcoder import (
    exedec_deepcoder_dataset_builder as module,
)
from tests.tfds_builders.builder_test_base import make_test_case, manual_dir_tests

SwitchConceptOrderTest = make_test_case(module.Builder, "SWITCH_CONCEPT_ORDER")
SwitchConceptOrderManualDirTest = manual_dir_tests(
    module.Builder, "SWITCH_CONCEPT_ORDER"
)
