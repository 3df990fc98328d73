"""Tests of exedec_tf.domains.records (the Step and Task records)."""

import dataclasses

import pytest

from exedec_tf.domains.records import Step, Task


def test_records_are_frozen_and_compare_by_value():
    step = Step(("a",), ("bc",), ("b",), ("x",), "3 4")
    task = Task(("a",), ("bc",), "3 4|5", (step,))
    assert task == Task(("a",), ("bc",), "3 4|5", (Step(*dataclasses.astuple(step)),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        task.program = "other"


def test_a_task_without_steps():
    assert Task(("a",), ("b",), "3").steps == ()
