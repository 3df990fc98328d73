"""Tests of exedec_tf.generation.deepcoder.traces against DSL printing."""

import random

import pytest

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG
from exedec_tf.dsl.deepcoder.operations import OPERATIONS
from exedec_tf.generation.deepcoder.columns import ColumnTable
from exedec_tf.generation.deepcoder.inputs import new_variable, random_inputs
from exedec_tf.generation.deepcoder.primitives import from_column, primitives, to_column
from exedec_tf.generation.deepcoder.records import trace_program_task
from exedec_tf.generation.deepcoder.search import (
    CandidateCache,
    LengthPlan,
    LengthSearch,
)
from exedec_tf.generation.deepcoder.single_task import ProgramTask
from exedec_tf.generation.deepcoder.tasks import path_to_program
from exedec_tf.generation.deepcoder.traces import PathTracer, format_entry

PRIMS = primitives(DEFAULT_CONFIG)


@pytest.mark.parametrize(
    "value, text", [(0, "0"), (-7, "-7"), ((), "[ ]"), ((3, -1, 50), "[ 3 -1 50 ]")]
)
def test_format_entry(value, text):
    assert format_entry(value) == text


@pytest.mark.parametrize("seed", range(4))
def test_traces_equal_dsl_traces(seed):
    rng = random.Random(seed)
    canonical = seed % 2 == 0
    num_inputs = seed % 2 + 1
    names = []
    while len(names) < num_inputs:
        names.append(new_variable(rng, names, canonical))
    inputs = random_inputs(rng, 3, num_inputs)
    table = ColumnTable(PRIMS)
    ids = [table.intern(to_column(c)) for c in zip(*inputs, strict=True)]
    programs = {}
    search = LengthSearch(
        rng,
        table,
        CandidateCache(PRIMS),
        PRIMS,
        names,
        ids,
        [type(v) is list for v in inputs[0]],
        3,
        canonical,
        DEFAULT_CONFIG,
        programs,
    )
    plan = LengthPlan(pools=(OPERATIONS,))
    search.run(1, plan, 0.0)
    search.run(2, plan, 0.0)
    tracer = PathTracer(table, PRIMS, names, ids)
    for key, path in list(programs.items())[::7]:
        program = path_to_program(path, names, PRIMS, DEFAULT_CONFIG)
        outputs = from_column(table.columns[key])
        expected = trace_program_task(ProgramTask(program, inputs, outputs))
        got = tracer.trace(path)
        assert got.inputs == expected.inputs
        assert got.outputs == expected.outputs
        assert got.program == expected.program
        for step, want in zip(got.steps, expected.steps, strict=True):
            assert step.inputs == want.inputs
            assert step.next_part == want.next_part
            assert step.program_part == want.program_part
            assert [format_entry(v) for v in step.next_values] == list(want.next_part)
