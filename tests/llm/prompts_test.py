"""Byte-exact prompts against the spec's reference files."""

import json

import pytest

from exedec_tf.llm import adapters, prompts
from tests.llm.helpers import examples_dir, load_row

FIRST_PROMPTS = [
    ("deepcoder", 1, "baseline"),
    ("deepcoder", 1, "exedec"),
    ("deepcoder", 1, "exedec_ablation"),
    ("deepcoder", 2, "baseline"),
    ("deepcoder", 3, "baseline"),
    ("deepcoder", 4, "baseline"),
    ("deepcoder", 4, "exedec"),
    ("deepcoder", 4, "exedec_ablation"),
    ("robustfill", 1, "baseline"),
    ("robustfill", 1, "exedec"),
    ("robustfill", 1, "exedec_ablation"),
]


@pytest.mark.parametrize("domain,version,prompt_format", FIRST_PROMPTS)
def test_first_prompt_is_byte_identical(domain, version, prompt_format):
    suffix = "" if prompt_format == "baseline" else "_step1"
    path = (
        examples_dir()
        / f"{domain}_NONE_problem0_v{version}_{prompt_format}{suffix}.txt"
    )
    shots, test = load_row(domain, "NONE", 0, version)
    if prompt_format != "baseline":
        test = test.with_program(None)
    got = prompts.build_prompt(prompt_format, domain, version, shots, test)
    assert got.encode("utf-8") == path.read_bytes()


def test_version_5_equals_version_3():
    shots3, test3 = load_row("deepcoder", "NONE", 1, 3)
    shots5, test5 = load_row("deepcoder", "NONE", 1, 5)
    assert prompts.build_prompt("baseline", "deepcoder", 3, shots3, test3) == (
        prompts.build_prompt("baseline", "deepcoder", 5, shots5, test5)
    )


@pytest.mark.parametrize(
    "domain,version", [("deepcoder", 1), ("deepcoder", 4), ("robustfill", 1)]
)
def test_parsed_problem_matches_reference(domain, version):
    ref = json.loads(
        (
            examples_dir() / f"{domain}_NONE_problem0_v{version}_parsed_problem.json"
        ).read_text()
    )
    shots, test = load_row(domain, "NONE", 0, version)
    assert test.python_program == ref["test_problem"]["python_program"]
    assert [s.python_program for s in shots] == [
        s["python_program"] for s in ref["few_shot_examples"]
    ]


def test_few_shots_keep_file_order():
    shots, test = load_row("deepcoder", "NONE", 0, 1)
    prompt = prompts.build_prompt("baseline", "deepcoder", 1, shots, test)
    positions = [prompt.index(s.python_program) for s in shots]
    assert positions == sorted(positions)


def test_continuation_prompt_uses_executed_values_and_cuts_at_last_marker():
    shots, test = load_row("deepcoder", "NONE", 0, 1)
    partial = test.with_program("def program(x0):\n  x1 = dsl.Reverse(x0)\n  return x1")
    prompt = prompts.step_prompt("exedec", "deepcoder", 1, shots, partial, 2)
    tail = prompt.rsplit("[BEGIN PROBLEM]", 1)[1]
    assert tail.endswith(
        "Step 1 computes:\n  Case 1. x1 = [1, 8, 5]\n  Case 2. x1 = [2]\n"
        "  Case 3. x1 = [2, 5]\n\nStep 1 code:\n```python\nx1 = dsl.Reverse(x0)\n"
        "```\n\nStep 2 computes:\n"
    )
    assert "Putting the steps together" not in tail
    ablation = prompts.step_prompt("exedec_ablation", "deepcoder", 1, shots, partial, 2)
    assert ablation.endswith("  Case 3. x1 = [2, 5]\n\nStep 2 code:\n")


def test_invalid_intermediate_value_raises():
    shots, test = load_row("deepcoder", "NONE", 0, 1)
    partial = test.with_program(
        "def program(x0):\n  x1 = dsl.Map(dsl.SQUARE, x0)\n  return x1"
    )
    with pytest.raises(adapters.TrajectoryError, match="outside"):
        prompts.step_prompt("exedec", "deepcoder", 1, shots, partial, 2)


def test_robustfill_step_not_a_prefix_raises():
    shots, test = load_row("robustfill", "NONE", 0, 1)
    partial = test.with_program(
        "def program(x):\n  parts = [\n    dsl.Const('#'),\n  ]\n"
        "  return ''.join(parts)"
    )
    with pytest.raises(adapters.TrajectoryError, match="prefix"):
        prompts.step_prompt("exedec", "robustfill", 1, shots, partial, 2)


@pytest.mark.parametrize(
    "bad,match",
    [
        (dict(prompt_format="chain"), "prompt format 'chain'"),
        (dict(domain="karel"), "domain 'karel'"),
        (dict(version=7), "version 7"),
    ],
)
def test_bad_arguments_name_the_value(bad, match):
    shots, test = load_row("deepcoder", "NONE", 0, 1)
    args = dict(prompt_format="baseline", domain="deepcoder", version=1)
    args.update(bad)
    with pytest.raises(ValueError, match=match):
        prompts.build_prompt(few_shots=shots, test_problem=test, **args)
