"""Builds exedec_deepcoder (tiny scale) with the TFDS test harness."""

from tests.tfds_builders.builder_test_base import make_test_case
from tfds_builders.exedec_deepcoder import exedec_deepcoder_dataset_builder as module

SwitchConceptOrderTest = make_test_case(
    module.Builder, "deepcoder", "SWITCH_CONCEPT_ORDER"
)
