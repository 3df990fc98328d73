"""Tests of exedec_tf.domains.robustfill (the adapter; DSL tests live in dsl/)."""

import pytest

from exedec_tf import domains
from exedec_tf.dsl.errors import ParseError, UnknownTokenError

# SubStr(1, 3) | Const('.') | Compose(ToCase(ALL_CAPS), GetToken(WORD, 2))
PROGRAM = "5 216 218|4 83|3 8 111 7 103 217"


@pytest.fixture
def domain():
    return domains.get("robustfill")


def test_vocabularies(domain):
    assert len(domain.spec_vocab) == 87
    assert domain.spec_vocab[0] is None
    assert domain.spec_vocab[3] == "a"
    assert domain.spec_vocab[85] == " "
    assert domain.spec_vocab[86] == "|"
    assert domain.sep_id == 86
    assert len(domain.program_vocab) == 315
    assert 0 not in domain.program_vocab
    assert domain.program_vocab[19] == "a"
    assert domain.program_vocab[72] == "1"
    assert domain.program_vocab[216] == 1


def test_run_program(domain):
    inputs = ["apple (banana) clementine", "durian:elderberry", ""]
    assert domain.run_program(PROGRAM, inputs) == ["app.BANANA", "dur.ELDERBERRY", "."]


def test_ids_round_trip(domain):
    ids = domain.program_to_ids(PROGRAM)
    assert ids == [5, 216, 218, 4, 83, 3, 8, 111, 7, 103, 217, 2]
    assert domain.ids_to_program(ids) == PROGRAM
    # Padding, BOS and EOS ids are dropped before decoding, as in the original.
    assert domain.ids_to_program([1] + ids + [0, 0]) == PROGRAM


def test_ids_to_program_malformed_is_none(domain):
    assert domain.ids_to_program([5, 216]) is None  # runs off the end
    assert domain.ids_to_program([400, 2]) is None  # unknown id
    # A nested Compose decodes from raw tokens but has no string form.
    assert domain.ids_to_program([3, 3, 10, 10, 10, 2]) is None


def test_the_empty_program(domain):
    # EOS alone decodes to the empty Concat, whose output is "".
    assert domain.ids_to_program([1, 2, 0]) == ""
    assert domain.program_to_ids("") == [2]
    assert domain.run_program("", ["ab", ""]) == ["", ""]


def test_python_rendering_and_execution(domain):
    code = domain.program_to_python(PROGRAM)
    assert code.splitlines()[4] == (
        "      dsl.ToCase(dsl.GetToken(x, dsl.Type.WORD, 2), dsl.Case.ALL_CAPS),"
    )
    assert domain.run_python_program(code, ["durian:elderberry"]) == ["dur.ELDERBERRY"]
    with pytest.raises(ValueError, match="2"):
        domain.program_to_python(PROGRAM, version=2)


def test_describe(domain):
    assert domain.describe_program("11 109|4 47") == "GetUpto_Type.CHAR | Const(C)"


def test_unknown_id_is_named(domain):
    with pytest.raises(UnknownTokenError, match="400"):
        domain.run_program("5 216 218|400", ["abc"])


def test_malformed_program_string(domain):
    with pytest.raises(ParseError, match="x"):
        domain.program_to_ids("5 x 218")


def test_non_string_inputs_run_as_in_the_original(domain):
    # The original applies the program to any value; failures are per example.
    assert domain.run_program(PROGRAM, ["abc", 8]) == ["abc.", None]
    assert domain.run_program("4 83", [8]) == ["."]


def test_decompose(domain):
    steps = domain.decompose(PROGRAM, ["durian:elderberry"])
    assert [s.program_part for s in steps] == ["5 216 218", "4 83", "3 8 111 7 103 217"]
    assert [s.next_part for s in steps] == [("dur",), (".",), ("ELDERBERRY",)]
    assert [s.outputs for s in steps] == [
        ("dur.ELDERBERRY",),
        (".ELDERBERRY",),
        ("ELDERBERRY",),
    ]
    assert all(s.inputs == ("durian:elderberry",) for s in steps)


def test_pipeline_facts(domain):
    assert domain.spec_separator == "|"
    assert domain.spec_tokens_are_characters
    assert domain.program_text_is_ids
    assert domain.program_part_prefix_tokens == 0
    assert domain.default_num_examples == 4
    tokens = domain.spec_text_tokens()
    assert tokens["|"] == 86
    assert all(len(t) == 1 for t in tokens)
    assert len(tokens) == 84  # every id but padding, BOS and EOS


def test_program_part_ids(domain):
    assert domain.program_part_ids("7 103 217") == [7, 103, 217]
    with pytest.raises(ValueError, match="'7 x'"):
        domain.program_part_ids("7 x")


def test_python_runtime_and_calls(domain):
    assert domain.python_num_examples(["a", "b"]) == 2
    assert domain.python_call(["a", "b"], 1) == ("program(x)", {"x": "b"})
    assert hasattr(domain.python_runtime(), "GetToken")
    with pytest.raises(ValueError, match="must be a list"):
        domain.python_num_examples({"x": ["a"]})


def test_llm_problem_values_are_the_strings(domain):
    assert domain.llm_problem_values(("a", "b"), ("c", "d")) == (["a", "b"], ["c", "d"])


def test_prompt_adapter(domain):
    adapter = domain.prompt_adapter()
    assert adapter.domain == domain.name
    assert adapter.versions == (1,)
