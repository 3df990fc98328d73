"""Tests of exedec_tf.experiments."""

import pytest

from exedec_tf.experiments import ALL_EXPERIMENTS, Experiment, parse_experiment


def test_values_match_original_enum():
    assert [(e.name, e.value) for e in ALL_EXPERIMENTS] == [
        ("NONE", 0),
        ("LENGTH_GENERALIZATION", 1),
        ("COMPOSE_DIFFERENT_CONCEPTS", 2),
        ("SWITCH_CONCEPT_ORDER", 3),
        ("COMPOSE_NEW_OP", 4),
        ("ADD_OP_FUNCTIONALITY", 5),
    ]


@pytest.mark.parametrize(
    "name", ["compose_new_op", "COMPOSE_NEW_OP", " Compose_New_Op "]
)
def test_parse_is_case_insensitive(name):
    assert parse_experiment(name) is Experiment.COMPOSE_NEW_OP


def test_parse_passes_members_through():
    assert parse_experiment(Experiment.NONE) is Experiment.NONE


def test_parse_unknown_names_the_value():
    with pytest.raises(ValueError, match="'SWAP'"):
        parse_experiment("SWAP")
