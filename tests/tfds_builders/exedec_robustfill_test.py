"""Builds exedec_robustfill (tiny scale, dummy released files) with the TFDS harness."""

from exedec_tf.datasets.exedec_robustfill import (
    exedec_robustfill_dataset_builder as module,
)
from tests.tfds_builders.builder_test_base import make_test_case, manual_dir_tests

ComposeNewOpTest = make_test_case(module.Builder, "COMPOSE_NEW_OP")
ComposeNewOpManualDirTest = manual_dir_tests(module.Builder, "COMPOSE_NEW_OP")
