"""Builds exedec_robustfill (tiny scale) with the TFDS test harness."""

from tests.tfds_builders.builder_test_base import make_test_case
from tfds_builders.exedec_robustfill import exedec_robustfill_dataset_builder as module

ComposeNewOpTest = make_test_case(module.Builder, "robustfill", "COMPOSE_NEW_OP")
