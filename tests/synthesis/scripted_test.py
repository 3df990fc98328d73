"""Scripted models; the loop following ground-truth decompositions of real data."""

import pytest

from exedec_tf import domains
from exedec_tf.evaluation.problems import released_problems
from exedec_tf.synthesis.loop import run_exedec
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.scripted import oracle_models
from tests.conftest import shared_data_dir

# End-to-end E and L of the paper (inference spec §2.10).
SHAPES = {"robustfill": (4, 200), "deepcoder": (3, 100)}


def _problems(domain, experiment, count):
    path = shared_data_dir() / "test_data" / domain / f"{experiment}.jsonl"
    return released_problems(path)[:count]


@pytest.mark.parametrize("domain", ["robustfill", "deepcoder"])
@pytest.mark.parametrize("experiment", ["NONE", "LENGTH_GENERALIZATION"])
@pytest.mark.parametrize("method", ["separate", "joint"])
@pytest.mark.parametrize("beam_size", [1, 3])
def test_oracle_solves_released_problems(domain, experiment, method, beam_size):
    dom = domains.get(domain)
    problems = _problems(domain, experiment, 40)
    models = oracle_models(dom, problems, *SHAPES[domain])
    if method == "separate":
        kwargs = {k: models[k] for k in ("spec_decomposer", "synthesizer")}
    else:
        kwargs = {"synthesizer": models["joint"]}
    options = LoopOptions(prediction_type=method, beam_size=beam_size)
    results = run_exedec(problems, dom, options=options, batch_size=8, **kwargs)
    for problem, result in zip(problems, results, strict=True):
        assert result.success, problem
        steps = len(dom.decompose(problem.program, problem.inputs))
        if beam_size == 1:
            # DeepCoder may stop early when an intermediate value is the
            # output. (With K > 1, empty filler children of the oracle's
            # elements can stay alive up to the step limit.)
            assert result.num_steps <= steps
        outputs = dom.run_program(result.solution, problem.inputs)
        assert outputs == list(problem.outputs)
    assert sum(r.num_steps for r in results) > len(results)


def test_scripted_prediction_longer_than_the_buffer_is_an_error():
    dom = domains.get("robustfill")
    problems = _problems("robustfill", "NONE", 1)
    models = oracle_models(dom, problems, 4, 200, max_decode_length=3)
    with pytest.raises(ValueError, match="does not fit"):
        run_exedec(problems, dom, models["synthesizer"], models["spec_decomposer"])
