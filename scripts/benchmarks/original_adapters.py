"""Adapters that drive an original ExeDec checkout in the benchmarks' measurements.

Only used when a benchmark is given `--original_path` (the folder that
contains the original `exedec` package): the same measurements then run on the
original code in the same process, so the ratios compare like with like on
the machine at hand. Nothing of the original is vendored here.
"""

import sys


def import_original(path: str):
    """Imports the original package from `path`; returns (deepcoder_dsl, rf modules)."""
    sys.path.insert(0, path)
    from absl import flags

    if not flags.FLAGS.is_parsed():
        flags.FLAGS(["benchmark"])
    from exedec.data import data_utils
    from exedec.tasks.deepcoder import deepcoder_dsl
    from exedec.tasks.robust_fill import dsl as rf_dsl
    from exedec.tasks.robust_fill import tokens as rf_tokens

    return deepcoder_dsl, (rf_dsl, rf_tokens, data_utils)


def deepcoder_functions(original, problems):
    """The three DeepCoder measurements on the original interpreter."""
    programs = [original.Program.from_str(p.program) for p in problems]
    values = [
        [original.ProgramState.from_str(s).state for s in p.inputs] for p in problems
    ]

    def run_only():
        for program, inputs in zip(programs, values, strict=True):
            for args in inputs:
                program.run(args)

    def parse_and_run():
        for problem, inputs in zip(problems, values, strict=True):
            program = original.Program.from_str(problem.program)
            for args in inputs:
                state = program.run(args)
                if state is not None:
                    original.result_to_str(state.get_output())

    def full_path():
        for problem in problems:
            program = original.Program.from_str(problem.program)
            for text in problem.inputs:
                try:
                    state = program.run(original.ProgramState.from_str(text).state)
                    if state is not None:
                        original.result_to_str(state.get_output())
                except Exception:  # noqa: BLE001 - the original's evaluation did this.
                    pass

    return {"run-only": run_only, "parse+run": parse_and_run, "full path": full_path}


def robustfill_functions(original, problems):
    """The two RobustFill measurements on the original interpreter."""
    rf_dsl, rf_tokens, data_utils = original
    id_to_token, _ = rf_tokens.build_token_tables()

    def decode(text):
        ids = data_utils.program_str_to_ids(text, "robustfill", None)
        return rf_dsl.decode_program(ids, id_to_token)

    programs = [decode(p.program) for p in problems]

    def run_only():
        for program, problem in zip(programs, problems, strict=True):
            for x in problem.inputs:
                program(x)

    def parse_and_run():
        for problem in problems:
            program = decode(problem.program)
            for x in problem.inputs:
                program(x)

    return {"run-only": run_only, "parse+run": parse_and_run}
