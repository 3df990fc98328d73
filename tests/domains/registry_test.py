"""Tests of exedec_tf.domains.get and the shared Domain contract."""

import pytest

from exedec_tf import domains
from exedec_tf.data import released
from exedec_tf.experiments import ALL_EXPERIMENTS
from tests.conftest import shared_data_dir


def test_get_known_domains_and_cache():
    for name in domains.names():
        domain = domains.get(name)
        assert isinstance(domain, domains.Domain)
        assert domain.name == name
        assert domains.get(name) is domain


@pytest.mark.parametrize("name", domains.names())
def test_every_domain_sets_the_declared_facts(name):
    # The base class only annotates these; each domain must give a value.
    domain = domains.get(name)
    for attribute, kind in domains.Domain.__annotations__.items():
        assert isinstance(getattr(domain, attribute), kind), attribute


def test_unknown_domain_is_named():
    with pytest.raises(ValueError, match="'lisp'"):
        domains.get("lisp")


@pytest.mark.parametrize("name", domains.names())
def test_every_released_test_problem_reproduces(name):
    """All 6,000 problems per domain, through the DSL and the Python rendering."""
    domain = domains.get(name)
    family = shared_data_dir() / "test_data"
    for exp in ALL_EXPERIMENTS:
        for problem in released.read_test_data(family, name, exp):
            expected = list(problem.outputs)
            assert domain.run_program(problem.program, problem.inputs) == expected, (
                exp.name,
                problem.index,
            )
            python = domain.program_to_python(problem.program)
            assert domain.run_python_program(python, problem.inputs) == expected
            ids = domain.program_to_ids(problem.program)
            assert ids[-1] == domain.eos_id
            assert domain.ids_to_program(ids) == problem.program


@pytest.mark.parametrize("name", domains.names())
def test_every_llm_sample_problem_reproduces(name):
    domain = domains.get(name)
    family = shared_data_dir() / "llm_data_sample"
    count = 0
    for exp in ALL_EXPERIMENTS:
        for row in released.read_llm_data(family, name, exp):
            for problem in (row.test_problem, *row.few_shot_examples):
                inputs, outputs = domain.llm_problem_io(problem)
                assert domain.run_program(problem.program, inputs) == outputs
                python = domain.program_to_python(problem.program)
                assert domain.run_python_program(python, inputs) == outputs
                count += 1
    assert count == 6 * 10 * 5


@pytest.mark.parametrize("name", domains.names())
def test_vocabularies_have_special_ids(name):
    domain = domains.get(name)
    assert domain.pad_id == 0 and domain.bos_id == 1 and domain.eos_id == 2
    assert domain.ids_to_program([domain.eos_id + 1000]) is None


@pytest.mark.parametrize("name", domains.names())
def test_decompose_every_released_problem(name):
    domain = domains.get(name)
    family = shared_data_dir() / "test_data"
    for exp in ALL_EXPERIMENTS:
        for problem in released.read_test_data(family, name, exp)[::7]:
            steps = domain.decompose(problem.program, problem.inputs)
            assert steps, problem.index
            assert steps[0].outputs == problem.outputs
            assert all(s.corrupted_next_part == () for s in steps)
            # The last step's subgoal is what remains of the outputs.
            assert steps[-1].next_part == steps[-1].outputs
            # Stitching the program parts back together gives the program.
            parts = [s.program_part for s in steps]
            if name == "robustfill":
                assert "|".join(parts) == problem.program
            else:
                assert problem.program.endswith(" | ".join(parts))
