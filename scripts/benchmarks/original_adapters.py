"""Adapters that drive an original ExeDec checkout in the benchmarks' measurements.

Only used when a benchmark is given `--original_path` (the folder that
contains the original `exedec` package): the same measurements then run on the
original code in the same process, so the ratios compare like with like on
the machine at hand. Nothing of the original is vendored here.
"""

import os
import sys
import types


def _register_package(path: str) -> None:
    """Makes `import exedec...` resolve to the original checkout under `path`.

    The original's folders have no `__init__.py` (namespace packages), and a
    namespace package loses to any plain module of the same name anywhere on
    `sys.path` (this folder has a benchmark called `exedec.py`), so the
    top-level package is registered explicitly.
    """
    folder = os.path.join(path, "exedec")
    if not os.path.isdir(folder):
        raise ValueError(f"no original `exedec` package folder under {path!r}")
    current = sys.modules.get("exedec")
    if current is not None and folder in list(getattr(current, "__path__", [])):
        return
    package = types.ModuleType("exedec")
    package.__path__ = [folder]
    sys.modules["exedec"] = package


def import_original(path: str):
    """Imports the original package from `path`; returns (deepcoder_dsl, rf modules)."""
    _register_package(path)
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


# Flags that both original `write_data` modules define under the same names.
_WRITE_DATA_MODULES = {
    "deepcoder": "exedec.tasks.deepcoder.dataset.write_data",
    "robustfill": "exedec.tasks.robust_fill.dataset.write_data",
}


def _import_write_data(path: str, domain: str):
    """Imports one domain's original `write_data` module (a worker script).

    The two modules define flags with the same names (`seed`, `num_examples`,
    ...); absl refuses a second definition, so the flags of the other
    domain's module are dropped first. Callers set the values they need
    before each use (see `original_generator`).
    """
    import importlib

    _register_package(path)
    from absl import flags, logging

    if not flags.FLAGS.is_parsed():
        flags.FLAGS(["benchmark"])
    # The original logs every search step at INFO; silencing it only makes
    # the original faster, so the ratios stay conservative.
    logging.set_verbosity(logging.WARNING)
    name = _WRITE_DATA_MODULES[domain]
    if name not in sys.modules:
        by_module = flags.FLAGS.flags_by_module_dict()
        for other, other_name in _WRITE_DATA_MODULES.items():
            if other != domain:
                for flag in list(by_module.get(other_name, [])):
                    if flag.name in flags.FLAGS:
                        delattr(flags.FLAGS, flag.name)
    return importlib.import_module(name)


def _example_strings(serialized: bytes, names: tuple[str, ...]) -> tuple:
    """The string lists of a serialized tf.Example, in the order of `names`."""
    import tensorflow as tf

    feature = tf.train.Example.FromString(serialized).features.feature
    return tuple(
        tuple(v.decode("utf-8") for v in feature[n].bytes_list.value) for n in names
    )


_ENTIRE = ("inputs", "outputs", "program")
_STEP = ("inputs", "outputs", "next_part", "corrupted_next_part", "program_part")


def records_of_original(serialized) -> list[tuple]:
    """Turns `original_generator` output into comparable string tuples.

    Each element is (inputs, outputs, program, steps) with `steps` a tuple of
    (inputs, outputs, next_part, corrupted_next_part, program_part); the
    string fields of the Example protos the original would have written.
    """
    out = []
    for entire, steps in serialized:
        inputs, outputs, (program,) = _example_strings(entire, _ENTIRE)
        step_tuples = []
        for step in steps:
            s_in, s_out, nxt, corrupted, (part,) = _example_strings(step, _STEP)
            step_tuples.append((s_in, s_out, nxt, corrupted, part))
        out.append((inputs, outputs, program, tuple(step_tuples)))
    return out


def records_of_ours(tasks) -> list[tuple]:
    """Our `Task` records in the form of `records_of_original`."""
    return [
        (
            tuple(t.inputs),
            tuple(t.outputs),
            t.program,
            tuple(
                (
                    tuple(s.inputs),
                    tuple(s.outputs),
                    tuple(s.next_part),
                    tuple(s.corrupted_next_part),
                    s.program_part,
                )
                for s in t.steps
            ),
        )
        for t in tasks
    ]


def original_generator(path: str, domain: str):
    """Returns a function running the original worker loop of one shard.

    The function takes (experiment name, split, seed, shard, num_tasks,
    programs_per_search, num_examples) and returns (serialized, generation
    seconds, serialization seconds), where `serialized` holds one
    (entire-program Example bytes, [decomposition Example bytes]) pair per task,
    exactly what the original `write_data.py` main loop would write (without
    writing files). The loop seeds the global `random` as that script did.
    """
    import hashlib
    import random
    import time

    from absl import flags

    module = _import_write_data(path, domain)

    def _seed(experiment, split, shard, seed):
        phrase = f"{experiment}-{split}-{shard}-{seed}"
        random.seed(int(hashlib.md5(phrase.encode("utf-8")).hexdigest()[:8], 16))

    if domain == "deepcoder":

        def run(experiment, split, seed, shard, num_tasks, per_search, num_examples):
            flags.FLAGS.num_examples = num_examples
            flags.FLAGS.max_program_arity = 2
            _seed(experiment, split, shard, seed)
            is_train = split in ("train", "valid")
            canonical = split in ("valid", "test")
            out, gen_s, ser_s = [], 0.0, 0.0
            for _ in range(num_tasks // per_search):
                start = time.perf_counter()
                tasks = []
                while len(tasks) < per_search:
                    tasks = module.generate_tasks_for_experiment(
                        experiment=experiment,
                        is_train=is_train,
                        canonical_variable_order=canonical,
                        num_programs=per_search,
                    )
                mid = time.perf_counter()
                for task in tasks:
                    out.append(
                        (
                            module.serialize_entire_program_example(task),
                            module.serialize_decomposition_examples(task),
                        )
                    )
                gen_s += mid - start
                ser_s += time.perf_counter() - mid
            return out, gen_s, ser_s

        return run

    _, token_id_table = _import_rf_tokens(path)

    def run_rf(experiment, split, seed, shard, num_tasks, per_search, num_examples):
        del per_search
        flags.FLAGS.num_examples = num_examples
        flags.FLAGS.max_input_length = 20
        _seed(experiment, split, shard, seed)
        is_train = split in ("train", "valid")
        out, gen_s, ser_s = [], 0.0, 0.0
        for _ in range(num_tasks):
            start = time.perf_counter()
            task = module.generate_task_for_experiment(experiment, is_train=is_train)
            mid = time.perf_counter()
            out.append(
                (
                    module.serialize_entire_program_example(task, token_id_table),
                    module.serialize_decomposition_examples(task, token_id_table),
                )
            )
            gen_s += mid - start
            ser_s += time.perf_counter() - mid
        return out, gen_s, ser_s

    return run_rf


def _import_rf_tokens(path: str):
    _register_package(path)
    from exedec.tasks.robust_fill import tokens

    return tokens.build_token_tables()
