"""Running programs on released-format I/O strings (the original evaluation)."""

from collections.abc import Sequence

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.values import format_value


def run_program_on_strings(
    program: Program,
    input_states: Sequence[str],
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> list[str | None]:
    """Runs a program on input-state strings; returns output value strings.

    Each input string is parsed as a program state and the program is run on
    its values by position (variable names are not compared). An example whose
    output is invalid, or that raises anything (unparseable state, RunError,
    ...), gives None.
    """
    outputs: list[str | None] = []
    for text in input_states:
        try:
            state = ProgramState.from_str(text, config)
            output = program.run_output(state.values)
            outputs.append(None if output is None else format_value(output))
        except Exception:
            outputs.append(None)
    return outputs
