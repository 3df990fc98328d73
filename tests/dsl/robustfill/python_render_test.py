"""Tests for the Python rendering and its runtime (spec §9)."""

import pytest

from exedec_tf.dsl.errors import ParseError
from exedec_tf.dsl.robustfill import (
    Boundary,
    Case,
    Compose,
    Concat,
    ConstStr,
    GetSpan,
    GetToken,
    Replace,
    Substitute,
    SubStr,
    ToCase,
    Trim,
    Type,
    python_render,
)

EXAMPLE = Concat(
    SubStr(1, 3), ConstStr("."), Compose(ToCase(Case.ALL_CAPS), GetToken(Type.WORD, 2))
)
EXAMPLE_CODE = """def program(x):
  parts = [
      dsl.SubStr(x, 1, 3),
      dsl.Const('.'),
      dsl.ToCase(dsl.GetToken(x, dsl.Type.WORD, 2), dsl.Case.ALL_CAPS),
  ]
  return ''.join(parts)"""


def test_example_rendering():
    assert python_render.to_python(EXAMPLE) == EXAMPLE_CODE


def test_example_run():
    inputs = ["apple (banana) clementine", "durian:elderberry", "", 8]
    assert python_render.run_python_program(EXAMPLE_CODE, inputs) == [
        "app.BANANA",
        "dur.ELDERBERRY",
        ".",
        None,
    ]


def test_function_name():
    code = python_render.to_python(Concat(Trim()), name="solve")
    assert code.startswith("def solve(x):")
    assert python_render.run_python_program(code, [" a "], name="solve") == ["a"]


def test_empty_program():
    code = python_render.to_python(Concat())
    assert code == "def program(x):\n  parts = [\n  ]\n  return ''.join(parts)"
    assert python_render.run_python_program(code, ["a"]) == [""]


@pytest.mark.parametrize("version", [0, 2, 4, "1"])
def test_other_versions_are_rejected(version):
    with pytest.raises(ValueError, match=f"version {version!r}"):
        python_render.to_python(EXAMPLE, version=version)


@pytest.mark.parametrize(
    "token, text",
    [
        (Type.WORD, "dsl.Type.WORD"),
        (Case.ALL_CAPS, "dsl.Case.ALL_CAPS"),
        (Boundary.START, "dsl.Boundary.START"),
        (-3, "-3"),
        (".", "'.'"),
        (" ", "' '"),
        ("'", '"\'"'),
        ('"', "'\"'"),
    ],
)
def test_argument_rendering(token, text):
    assert python_render.render_argument(token) == text


def test_unrenderable_argument():
    with pytest.raises(ParseError, match="GetSpan"):
        python_render.render_argument(GetSpan)


@pytest.mark.parametrize(
    "expression, text",
    [
        (
            GetSpan("(", 1, Boundary.START, Type.WORD, -2, Boundary.END),
            "dsl.GetSpan(x, '(', 1, dsl.Boundary.START, dsl.Type.WORD, -2, "
            "dsl.Boundary.END)",
        ),
        (Substitute(Type.DIGIT, 2, "'"), 'dsl.Substitute(x, dsl.Type.DIGIT, 2, "\'")'),
        (Trim(), "dsl.Trim(x)"),
        (
            Compose(Replace(" ", "."), Compose(Trim(), SubStr(1, 2))),
            "dsl.Replace(dsl.Trim(dsl.SubStr(x, 1, 2)), ' ', '.')",
        ),
    ],
)
def test_expression_rendering(expression, text):
    assert python_render.expression_to_python(expression) == text


def test_compose_replaces_every_open_paren_x():
    # Ill-typed but decodable: the outer text holds "(x" twice.
    outer = Replace("(", "x")
    assert python_render.expression_to_python(outer) == "dsl.Replace(x, '(', 'x')"
    text = python_render.expression_to_python(Compose(outer, Trim()))
    assert text == "dsl.Replace(dsl.Trim(x), '(', 'x')"


def test_raw_compose_cannot_be_rendered():
    with pytest.raises(ParseError, match="non-expressions"):
        python_render.to_python(Concat(Compose(ConstStr, "a")))
    with pytest.raises(ParseError, match="expected a Concat"):
        python_render.to_python(Trim())


def test_runtime_namespace():
    dsl = python_render.make_runtime()
    assert dsl.Const("q") == "q"
    assert dsl.GetToken("ab 12", dsl.Type.NUMBER, 1) == "12"
    assert dsl.Type is Type and dsl.Case is Case and dsl.Boundary is Boundary
    assert not hasattr(dsl, "Compose") and not hasattr(dsl, "ConstStr")


def test_run_python_program_failures():
    assert python_render.run_python_program("def program(x) return x", ["a"]) is None
    assert python_render.run_python_program("raise ValueError()", ["a"]) is None
    assert python_render.run_python_program("x = 1", ["a", "b"]) == [None, None]
    code = "def program(x):\n  return dsl.GetToken(x, dsl.Type.WORD, 'a')"
    assert python_render.run_python_program(code, ["ab"]) == [None]
    code = "def program(x):\n  return x[0]"
    assert python_render.run_python_program(code, ["ab", ""]) == ["a", None]
