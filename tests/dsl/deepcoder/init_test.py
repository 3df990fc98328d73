"""Tests for the exedec_tf.dsl.deepcoder package API."""

import subprocess
import sys

import exedec_tf.dsl.deepcoder as dc
from exedec_tf.dsl import errors


def test_public_names_exist():
    for name in dc.__all__:
        assert hasattr(dc, name), name
    assert len(set(dc.__all__)) == len(dc.__all__)


def test_error_classes_are_the_shared_ones():
    assert dc.ParseError is errors.ParseError
    assert dc.RunError is errors.RunError
    assert dc.InternalError is errors.InternalError
    assert dc.UnknownTokenError is errors.UnknownTokenError


def test_end_to_end():
    program = dc.Program.from_str("x0 = INPUT | x1 = Map (+1) x0 | x2 = Sum x1")
    state = dc.ProgramState.from_str("x0 = [ 1 2 3 ]")
    assert dc.format_value(program.run(state.values).get_output()) == "9"
    assert dc.ids_to_program(dc.program_to_ids(str(program))) == program


def test_no_tensorflow_import():
    # A fresh interpreter, since other tests may have imported TensorFlow.
    code = (
        "import sys, exedec_tf.dsl.deepcoder; "
        "assert 'tensorflow' not in sys.modules, 'tensorflow was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
