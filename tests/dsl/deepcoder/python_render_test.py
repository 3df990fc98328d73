"""Tests for exedec_tf.dsl.deepcoder.python_render."""

import pytest

from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.python_render import to_python_program

SPEC_EXAMPLE = "x0 = INPUT | x1 = Map (+1) x0 | x2 = Scanl1 (+) x1"

FIRST_ORDER = (
    "x0 = INPUT | x1 = INPUT | x2 = Head x0 | x3 = Last x1 | x4 = Take x2 x1 | "
    "x5 = Drop x3 x0 | x6 = Access x2 x1 | x7 = Minimum x4 | x8 = Maximum x5 | "
    "x9 = Sum x4"
)
HIGHER_ORDER = (
    "x0 = INPUT | x1 = Reverse x0 | x2 = Sort x1 | x3 = Map (*(-1)) x2 | "
    "x4 = Filter (%2==0) x3 | x5 = Count (<0) x4 | x6 = ZipWith (-) x3 x1 | "
    "x7 = Scanl1 (min) x6"
)


def render(text, version, name="program"):
    return to_python_program(Program.from_str(text), name=name, version=version)


def test_spec_examples_verbatim():
    assert render(SPEC_EXAMPLE, 1) == (
        "def program(x0):\n"
        "  x1 = dsl.Map(dsl.PLUS_ONE, x0)\n"
        "  x2 = dsl.Scanl1(dsl.ADD, x1)\n"
        "  return x2"
    )
    assert render(SPEC_EXAMPLE, 4) == (
        "def program(x0):\n"
        "  x1 = [x + 1 for x in x0]\n"
        "  x2 = dsl.Scanl1(lambda x, y: x + y, x1)\n"
        "  return x2"
    )
    v3 = render(
        "x0 = INPUT | x1 = INPUT | x2 = Sort x0 | x3 = Reverse x1 | "
        "x4 = ZipWith (min) x3 x2 | x5 = Scanl1 (max) x4",
        3,
    )
    assert "  x4 = [dsl.MIN(x, y) for (x, y) in zip(x3, x2)]\n" in v3
    assert "  x5 = dsl.Scanl1(dsl.MAX, x4)\n" in v3


def test_dsl_call_form():
    program = "x0 = INPUT | x1 = INPUT | x2 = Take x0 x1"
    assert render(program, 1).splitlines()[1] == "  x2 = dsl.Take(x0, x1)"


def test_first_order_versions():
    assert render(FIRST_ORDER, 1) == (
        "def program(x0, x1):\n"
        "  x2 = dsl.Head(x0)\n"
        "  x3 = dsl.Last(x1)\n"
        "  x4 = dsl.Take(x2, x1)\n"
        "  x5 = dsl.Drop(x3, x0)\n"
        "  x6 = dsl.Access(x2, x1)\n"
        "  x7 = dsl.Minimum(x4)\n"
        "  x8 = dsl.Maximum(x5)\n"
        "  x9 = dsl.Sum(x4)\n"
        "  return x9"
    )
    python_form = (
        "def program(x0, x1):\n"
        "  x2 = x0[0]\n"
        "  x3 = x1[-1]\n"
        "  x4 = x1[:x2]\n"
        "  x5 = x0[x3:]\n"
        "  x6 = x1[x2]\n"
        "  x7 = min(x4)\n"
        "  x8 = max(x5)\n"
        "  x9 = sum(x4)\n"
        "  return x9"
    )
    for version in [2, 3, 4, 5]:
        assert render(FIRST_ORDER, version) == python_form


def test_higher_order_versions():
    head = "def program(x0):\n  x1 = list(reversed(x0))\n  x2 = sorted(x1)\n"
    assert render(HIGHER_ORDER, 1) == (
        "def program(x0):\n"
        "  x1 = dsl.Reverse(x0)\n"
        "  x2 = dsl.Sort(x1)\n"
        "  x3 = dsl.Map(dsl.NEGATE, x2)\n"
        "  x4 = dsl.Filter(dsl.IS_EVEN, x3)\n"
        "  x5 = dsl.Count(dsl.IS_NEGATIVE, x4)\n"
        "  x6 = dsl.ZipWith(dsl.SUBTRACT, x3, x1)\n"
        "  x7 = dsl.Scanl1(dsl.MIN, x6)\n"
        "  return x7"
    )
    assert render(HIGHER_ORDER, 2) == head + (
        "  x3 = dsl.Map(dsl.NEGATE, x2)\n"
        "  x4 = dsl.Filter(dsl.IS_EVEN, x3)\n"
        "  x5 = dsl.Count(dsl.IS_NEGATIVE, x4)\n"
        "  x6 = dsl.ZipWith(dsl.SUBTRACT, x3, x1)\n"
        "  x7 = dsl.Scanl1(dsl.MIN, x6)\n"
        "  return x7"
    )
    v3 = head + (
        "  x3 = [dsl.NEGATE(x) for x in x2]\n"
        "  x4 = [x for x in x3 if dsl.IS_EVEN(x)]\n"
        "  x5 = len([x for x in x4 if dsl.IS_NEGATIVE(x)])\n"
        "  x6 = [dsl.SUBTRACT(x, y) for (x, y) in zip(x3, x1)]\n"
        "  x7 = dsl.Scanl1(dsl.MIN, x6)\n"
        "  return x7"
    )
    assert render(HIGHER_ORDER, 3) == v3
    assert render(HIGHER_ORDER, 5) == v3
    assert render(HIGHER_ORDER, 4) == head + (
        "  x3 = [-x for x in x2]\n"
        "  x4 = [x for x in x3 if x % 2 == 0]\n"
        "  x5 = len([x for x in x4 if x < 0])\n"
        "  x6 = [x - y for (x, y) in zip(x3, x1)]\n"
        "  x7 = dsl.Scanl1(min, x6)\n"
        "  return x7"
    )


@pytest.mark.parametrize(
    ("lam", "source"),
    [
        ("(+)", "lambda x, y: x + y"),
        ("(-)", "lambda x, y: x - y"),
        ("(*)", "lambda x, y: x * y"),
        ("(min)", "min"),
        ("(max)", "max"),
    ],
)
def test_pythonic_scanl1_sources(lam, source):
    text = f"x0 = INPUT | x1 = Scanl1 {lam} x0"
    assert render(text, 4).splitlines()[1] == f"  x1 = dsl.Scanl1({source}, x0)"


def test_pythonic_scanl1_with_ill_typed_lambda_raises_key_error():
    with pytest.raises(KeyError):
        render("x0 = INPUT | x1 = Scanl1 (+1) x0", 4)


def test_program_method_and_name():
    program = Program.from_str(SPEC_EXAMPLE)
    assert program.to_python_program() == render(SPEC_EXAMPLE, 1)
    assert program.to_python_program(name="f", version=4).startswith("def f(x0):\n")


def test_no_inputs():
    assert render("x0 = INPUT | x1 = Head x0", 1, "g") == (
        "def g(x0):\n  x1 = dsl.Head(x0)\n  return x1"
    )
    assert render("x1 = INPUT | x0 = Head x1", 2).startswith("def program(x1):\n")


@pytest.mark.parametrize("version", [0, 6, -1, "1", None])
def test_unknown_version_raises_value_error_naming_it(version):
    with pytest.raises(ValueError, match=repr(version).replace("(", r"\(")):
        render(SPEC_EXAMPLE, version)


def test_program_without_statements_raises_index_error():
    with pytest.raises(IndexError):
        render("x0 = INPUT", 1)
