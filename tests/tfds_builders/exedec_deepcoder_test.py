"""Builds exedec_deepcoder (tiny scale, dummy released files) with the TFDS harness."""

from tests.tfds_builders.builder_test_base import make_test_case, manual_dir_tests
from tfds_builders.exedec_deepcoder import exedec_deepcoder_dataset_builder as module

SwitchConceptOrderTest = make_test_case(module.Builder, "SWITCH_CONCEPT_ORDER")
SwitchConceptOrderManualDirTest = manual_dir_tests(
    module.Builder, "SWITCH_CONCEPT_ORDER"
)
