"""DeepCoder's LLM prompt pieces: dict inputs, one new variable per step."""

from exedec_tf.domains.prompt_adapter import PromptAdapter, TrajectoryError
from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS
from exedec_tf.dsl.deepcoder.operations import OPERATIONS

# Limits of a valid intermediate value in an ExeDec trajectory (hard-coded in
# the original, independent of the DSL flags).
MAX_LIST_LENGTH = 5
MAX_INT = 50

VERSIONS = (1, 2, 3, 4, 5)

# Helper sources shown to the model in versions 2 (all) and 3-5 (Scanl1
# only); 2-space indentation as in the reference prompts.
_HELPERS = (
    "def Map(f, xs):\n  return [f(x) for x in xs]",
    "def Filter(f, xs):\n  return [x for x in xs if f(x)]",
    "def Count(f, xs):\n  return len([x for x in xs if f(x)])",
    "def ZipWith(f, xs, ys):\n  return [f(x, y) for (x, y) in zip(xs, ys)]",
    "def Scanl1(f, xs):\n"
    "  ys = []\n"
    "  for i, x in enumerate(xs):\n"
    "    if i == 0:\n"
    "      ys.append(x)\n"
    "    else:\n"
    "      ys.append(f(ys[-1], x))\n"
    "  return ys",
)

# (name, parameters, body) of every lambda, in vocabulary order.
_LAMBDA_BODIES = (
    ("PLUS_ONE", "x", "x + 1"),
    ("MINUS_ONE", "x", "x - 1"),
    ("TIMES_TWO", "x", "x * 2"),
    ("DIV_TWO", "x", "x // 2"),
    ("NEGATE", "x", "-x"),
    ("SQUARE", "x", "x ** 2"),
    ("TIMES_THREE", "x", "x * 3"),
    ("DIV_THREE", "x", "x // 3"),
    ("TIMES_FOUR", "x", "x * 4"),
    ("DIV_FOUR", "x", "x // 4"),
    ("IS_POSITIVE", "x", "x > 0"),
    ("IS_NEGATIVE", "x", "x < 0"),
    ("IS_EVEN", "x", "x % 2 == 0"),
    ("IS_ODD", "x", "x % 2 == 1"),
    ("ADD", "x, y", "x + y"),
    ("SUBTRACT", "x, y", "x - y"),
    ("MULTIPLY", "x, y", "x * y"),
    ("MIN", "x, y", "min(x, y)"),
    ("MAX", "x, y", "max(x, y)"),
)


def _check_value(value) -> None:
    # bool passes as int, as in the original's isinstance checks.
    if isinstance(value, int):
        items = [value]
    elif isinstance(value, list):
        if len(value) > MAX_LIST_LENGTH:
            raise TrajectoryError(f"list longer than 5: {value!r}")
        items = value
    else:
        raise TrajectoryError(f"not an int or a list: {value!r}")
    for item in items:
        if not isinstance(item, int):
            raise TrajectoryError(f"list element is not an int: {value!r}")
        if not -MAX_INT <= item <= MAX_INT:
            raise TrajectoryError(f"int outside [-50, 50]: {value!r}")


class DeepCoderPromptAdapter(PromptAdapter):
    """DeepCoder: dict inputs, one new variable per step."""

    domain = "deepcoder"
    max_tokens = {"baseline": 150, "exedec": 200, "exedec_ablation": 80}
    purpose = "manipulating lists of integers"
    versions = VERSIONS

    def dsl_details(self, version):
        lambda_lines = "\n".join(
            f"{name} = lambda {params}: {body}" for name, params, body in _LAMBDA_BODIES
        )
        if version == 1:
            return (
                ", ".join(op.token for op in OPERATIONS),
                ", ".join(lam.name for lam in LAMBDAS),
            )
        if version == 2:
            return "\n\n".join(_HELPERS), lambda_lines
        if version in (3, 5):
            return _HELPERS[-1], lambda_lines
        if version == 4:
            return _HELPERS[-1], None
        raise ValueError(
            f"unsupported DeepCoder prompt version {version!r}; "
            f"expected one of {VERSIONS}"
        )

    def case_text(self, problem, index, step_by_step):
        inputs = ", ".join(
            f"{name} = {values[index]}" for name, values in problem.inputs.items()
        )
        return f"{inputs} --> {problem.outputs[index]}"

    def trajectory(self, problem, execute):
        lines = problem.python_program.splitlines()
        done = [lines[0]]
        steps = []
        for line in lines[1:-1]:
            new_var = line.strip().split("=", 1)[0].strip()
            code = "\n".join([*done, line, f"  return {new_var}"])
            results = execute(code, problem.inputs)
            if results is None:
                raise TrajectoryError(f"partial program fails to run:\n{code}")
            for value in results:
                _check_value(value)
            subgoals = [f"{new_var} = {value}" for value in results]
            steps.append((subgoals, line))
            done.append(line)
        return steps

    def compose(self, reference, previous, step):
        if previous is None:
            prefix = reference.python_program.splitlines()[0] + "\n"
        else:
            prefix = previous.rsplit("  return", 1)[0]
        new_var = step.split("=", 1)[0].strip()
        return f"{prefix}  {step.strip()}\n  return {new_var}"
