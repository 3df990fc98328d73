"""Tests of exedec_tf.domains.deepcoder (the Domain adapter; DSL tests live in dsl/)."""

import pytest

from exedec_tf import domains
from exedec_tf.data import released
from exedec_tf.dsl.errors import ParseError, RunError, UnknownTokenError
from tests.conftest import shared_data_dir

PROGRAM = "x0 = INPUT | x1 = INPUT | x2 = Take x1 x0 | x3 = Map (*2) x2"


@pytest.fixture
def domain():
    return domains.get("deepcoder")


def test_vocab_sizes_and_ids(domain):
    assert len(domain.spec_vocab) == len(domain.program_vocab) == 153
    assert domain.program_vocab[0] == ""
    assert domain.program_vocab[3] == "|"
    assert domain.program_vocab[22] == "Scanl1"
    assert domain.program_vocab[42] == "x0"
    assert domain.program_vocab[102] == "0"
    assert domain.program_vocab[152] == "50"
    assert domain.sep_id == 3


def test_run_program(domain):
    inputs = ["x0 = [ 1 2 3 ] | x1 = 2", "x0 = [ 30 ] | x1 = 1", "x0 = [ ] | x1 = -1"]
    # 60 is out of range: that example fails, the others run.
    assert domain.run_program(PROGRAM, inputs) == ["[ 2 4 ]", None, "[ ]"]


def test_ill_typed_program_fails_per_example(domain):
    # Head of an int is a run-time type error: None, not an exception.
    assert domain.run_program(
        "x0 = INPUT | x1 = Head x0", ["x0 = 3", "x0 = [ 4 ]"]
    ) == [
        None,
        "4",
    ]


def test_ids_round_trip(domain):
    ids = domain.program_to_ids(PROGRAM)
    assert ids[:4] == [42, 4, 5, 3]
    assert ids[-1] == 2
    assert domain.ids_to_program(ids) == PROGRAM
    assert domain.ids_to_program([0, 0] + ids[:-1] + [2, 0]) == PROGRAM


def test_ids_to_program_malformed_is_none(domain):
    assert (
        domain.ids_to_program([1] + domain.program_to_ids(PROGRAM)) is None
    )  # BOS kept
    assert domain.ids_to_program([42, 4]) is None
    assert domain.ids_to_program([999]) is None


def test_python_versions(domain):
    assert domain.program_to_python(PROGRAM) == (
        "def program(x0, x1):\n"
        "  x2 = dsl.Take(x1, x0)\n"
        "  x3 = dsl.Map(dsl.TIMES_TWO, x2)\n"
        "  return x3"
    )
    assert "x3 = [x * 2 for x in x2]" in domain.program_to_python(PROGRAM, version=4)
    with pytest.raises(ValueError, match="7"):
        domain.program_to_python(PROGRAM, version=7)


def test_python_execution_uses_released_strings(domain):
    code = domain.program_to_python(PROGRAM, version=4)
    inputs = ["x0 = [ 1 2 3 ] | x1 = 2", "x0 = [ 5 ] | x1 = 4"]
    assert domain.run_python_program(code, inputs) == ["[ 2 4 ]", "[ 10 ]"]
    assert domain.run_python_program("def program(:", inputs) is None


def test_unknown_token_is_named(domain):
    with pytest.raises(ParseError, match="Foo"):
        domain.run_program("x0 = INPUT | x1 = Foo x0", ["x0 = [ 1 ]"])
    with pytest.raises(ParseError, match="Foo"):
        domain.program_to_ids("x0 = INPUT | x1 = Foo x0")
    # `x01` is a legal variable name (a quirk) but not a vocabulary token.
    with pytest.raises(UnknownTokenError, match="x01"):
        domain.program_to_ids("x01 = INPUT | x1 = Sort x01")


def test_malformed_program_raises(domain):
    with pytest.raises(ParseError):
        domain.run_program("x0 = INPUT | x1 = Map x0", ["x0 = [ 1 ]"])
    with pytest.raises(ParseError):
        domain.run_program("", ["x0 = [ 1 ]"])


def test_inputs_that_do_not_fit_fail_per_example(domain):
    # As the original evaluation: each such example is None, the rest still run.
    inputs = [
        "x0 = [ 1 2 ]",  # one variable, the program takes two
        "x0 = [ 1 2 3 ] | x1 = 2",
        "x0 = [ 51 ] | x1 = 1",  # out of range
        "x0 = [ 1 2 | x1 = 1",  # does not parse
        "",
        "x0 = [ 4 ] | x1 = 1",
    ]
    assert domain.run_program(PROGRAM, inputs) == [
        None,
        "[ 2 4 ]",
        None,
        None,
        None,
        "[ 8 ]",
    ]


def test_duplicate_variable_program_raises(domain):
    with pytest.raises(RunError, match="x1"):
        domain.run_program("x0 = INPUT | x1 = Sort x0 | x1 = Sum x0", ["x0 = [ 1 ]"])


def test_non_string_program(domain):
    with pytest.raises(TypeError, match="list"):
        domain.run_program(["x0 = INPUT"], ["x0 = 1"])


def test_llm_problem_io():
    domain = domains.get("deepcoder")
    rows = released.read_llm_data(
        shared_data_dir() / "llm_data_sample", "deepcoder", "NONE"
    )
    inputs, outputs = domain.llm_problem_io(rows[0].test_problem)
    assert inputs == ["x0 = [ 5 8 1 ]", "x0 = [ 2 ]", "x0 = [ 5 2 ]"]
    assert outputs == ["[ 5 1 ]", "[ ]", "[ 5 ]"]


def test_decompose_matches_original_example(domain):
    """The worked example of the original decomposition test."""
    steps = domain.decompose(
        "x5 = INPUT | x1 = INPUT | x2 = Map (+1) x5 | x7 = Take x1 x2",
        ["x5 = [ 4 1 3 ] | x1 = 2", "x5 = [ 2 5 8 7 ] | x1 = 3"],
    )
    assert [s.program_part for s in steps] == ["x2 = Map (+1) x5", "x7 = Take x1 x2"]
    assert steps[0].inputs[0] == "x5 = [ 4 1 3 ] | x1 = 2"
    assert steps[0].next_part == ("[ 5 2 4 ]", "[ 3 6 9 8 ]")
    assert steps[1].inputs[0] == "x5 = [ 4 1 3 ] | x1 = 2 | x2 = [ 5 2 4 ]"
    assert steps[1].next_part == steps[1].outputs == ("[ 5 2 ]", "[ 3 6 9 ]")


def test_decompose_failing_program_raises(domain):
    with pytest.raises(RunError, match="fails"):
        domain.decompose("x0 = INPUT | x1 = Head x0", ["x0 = [ ]"])


def test_pipeline_facts(domain):
    assert domain.spec_separator == " | "
    assert not domain.spec_tokens_are_characters
    assert not domain.program_text_is_ids
    assert domain.program_part_prefix_tokens == 2
    assert domain.default_num_examples == 3
    tokens = domain.spec_text_tokens()
    assert "" not in tokens
    assert tokens["|"] == 3 and tokens["-50"] == 52 and tokens["Map"] == 18


def test_program_part_ids_drop_the_left_hand_side(domain):
    # x3 = Map (*2) x2 -> the ids of "Map (*2) x2".
    tokens = domain.spec_text_tokens()
    expected = [tokens["Map"], tokens["(*2)"], tokens["x2"]]
    assert domain.program_part_ids("x3 = Map (*2) x2") == expected
    with pytest.raises(ValueError, match="'Mapp'"):
        domain.program_part_ids("x3 = Mapp (*2) x2")


def test_python_runtime_and_calls(domain):
    inputs = {"x0": [[1, 2], [3]], "x1": [2, 1]}
    assert domain.python_num_examples(inputs) == 2
    assert domain.python_call(inputs, 1) == ("program(x0, x1)", {"x0": [3], "x1": 1})
    assert domain.python_runtime().Sort([3, 1]) == [1, 3]
    with pytest.raises(ValueError, match="differ in length"):
        domain.python_num_examples({"x0": [[1]], "x1": [1, 2]})
    with pytest.raises(ValueError, match="non-empty dict"):
        domain.python_num_examples([[1]])


def test_llm_problem_values_invert_llm_problem_io(domain):
    inputs, outputs = ["x0 = [ 1 2 ] | x1 = 3", "x0 = [ ] | x1 = -1"], ["[ 2 ]", "0"]
    values, outs = domain.llm_problem_values(inputs, outputs)
    assert values == {"x0": [[1, 2], []], "x1": [3, -1]}
    assert outs == [[2], 0]
    problem = released.LLMProblem(values, tuple(outs), PROGRAM)
    assert domain.llm_problem_io(problem) == (inputs, outputs)


def test_prompt_adapter(domain):
    adapter = domain.prompt_adapter()
    assert adapter.domain == domain.name
    assert adapter.versions == (1, 2, 3, 4, 5)
