"""RobustFill's LLM prompt pieces: string inputs, one concatenated part per step."""

import copy

from exedec_tf.domains.prompt_adapter import PromptAdapter, TrajectoryError
from exedec_tf.dsl.robustfill.constants import Boundary, Case, Type
from exedec_tf.dsl.robustfill.python_render import render_argument

# Longest valid intermediate string of an ExeDec trajectory (hard-coded in the
# original, independent of the DSL flags).
MAX_LENGTH = 20

VERSIONS = (1,)

# The functions of the `dsl` runtime, in the order the prompt lists them.
FUNCTIONS = (
    "Const",
    "SubStr",
    "GetSpan",
    "GetToken",
    "ToCase",
    "Replace",
    "Trim",
    "GetUpto",
    "GetFrom",
    "GetFirst",
    "GetAll",
    "Substitute",
    "SubstituteAll",
    "Remove",
    "RemoveAll",
)


class RobustFillPromptAdapter(PromptAdapter):
    """RobustFill: string inputs, one concatenated part per step."""

    domain = "robustfill"
    max_tokens = {"baseline": 400, "exedec": 400, "exedec_ablation": 200}
    purpose = "manipulating strings"
    versions = VERSIONS

    def dsl_details(self, version):
        if version not in VERSIONS:
            raise ValueError(
                f"unsupported RobustFill prompt version {version!r}; "
                f"expected one of {VERSIONS}"
            )
        constants = ", ".join(
            render_argument(member)
            for enum_class in (Type, Case, Boundary)
            for member in enum_class
        )
        return ", ".join(FUNCTIONS), constants

    def case_text(self, problem, index, step_by_step):
        # Strings go between double quotes verbatim (no escaping), like the original.
        prefix = "x = " if step_by_step else ""
        return f'{prefix}"{problem.inputs[index]}" --> "{problem.outputs[index]}"'

    def trajectory(self, problem, execute):
        lines = problem.python_program.splitlines()
        targets = copy.deepcopy(list(problem.outputs))
        steps = []
        for line in lines[1:-1]:
            if line.strip() in ("parts = [", "]"):
                continue
            expression = line.strip()
            if expression.endswith(","):
                expression = expression[:-1]
            code = f"{lines[0]}\n  return {expression}"
            results = execute(code, problem.inputs)
            if results is None:
                raise TrajectoryError(f"partial program fails to run:\n{code}")
            for value in results:
                if not isinstance(value, str) or len(value) > MAX_LENGTH:
                    raise TrajectoryError(f"invalid RobustFill value {value!r}")
            for i, value in enumerate(results):
                if not targets[i].startswith(value):
                    raise TrajectoryError(
                        f"case {i + 1}: {value!r} is not a prefix of {targets[i]!r}"
                    )
            targets = [t[len(v) :] for t, v in zip(targets, results, strict=True)]
            subgoals = [
                f'"{v}" so "{t}" remains' for v, t in zip(results, targets, strict=True)
            ]
            steps.append((subgoals, expression))
        return steps

    def compose(self, reference, previous, step):
        if previous is None:
            prefix = "def program(x):\n  parts = [\n"
        else:
            prefix = previous.rsplit("  ]", 1)[0]
        return f"{prefix}    {step.strip()},\n  ]\n  return ''.join(parts)"
