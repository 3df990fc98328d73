"""Loading the released LLM problems: from a directory, a download, or TFDS.

A row is `(index, few_shots, test_problem)` with `Problem` records whose
Python programs are rendered at the requested version.
"""

import pathlib

from exedec_tf import domains
from exedec_tf.data import released
from exedec_tf.llm.problem import Problem, check_domain, from_llm_problem

Row = tuple[int, list[Problem], Problem]


def rows_from_llm_rows(llm_rows, domain: str, version: int) -> list[Row]:
    """Converts `released.LLMRow` records to rows of Problems."""
    return [
        (
            row.index,
            [from_llm_problem(s, domain, version) for s in row.few_shot_examples],
            from_llm_problem(row.test_problem, domain, version),
        )
        for row in llm_rows
    ]


def load_rows(data_dir, domain: str, experiment, version: int) -> list[Row]:
    """Rows of `<data_dir>/<domain>/<EXPERIMENT>.jsonl` (the `llm_data` layout).

    Args:
      data_dir: the folder holding `deepcoder/` and `robustfill/`; None
        downloads the official files (checked against their sha256) into the
        data cache of `exedec_tf.data.sources`.
    """
    check_domain(domain)
    if data_dir is None:
        from exedec_tf.data import sources

        path = sources.fetch_file("llm_data", domain, experiment)
    else:
        path = released.released_file(pathlib.Path(data_dir), domain, experiment)
    return rows_from_llm_rows(released.read_llm_file(path), domain, version)


def _plain(value):
    # TFDS gives numpy arrays, tf.Tensors or RaggedTensors (nested sequences).
    if hasattr(value, "to_list"):
        value = value.to_list()
    elif hasattr(value, "numpy"):
        value = value.numpy()
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _problem_from_strings(domain, inputs, outputs, program, version) -> Problem:
    inputs = [str(v) for v in _plain(inputs)]
    outputs = [str(v) for v in _plain(outputs)]
    program = str(_plain(program))
    values, outs = domains.get(domain).llm_problem_values(inputs, outputs)
    released_problem = released.LLMProblem(values, tuple(outs), program)
    return from_llm_problem(released_problem, domain, version)


def row_from_tfds_example(example: dict, domain: str, version: int) -> Row:
    """A row from one example of the TFDS `llm` split (as numpy or Python values).

    The TFDS split stores the released string encodings; DeepCoder states
    and values are parsed back to Python values (the llm_data form).
    """
    check_domain(domain)
    shots = example["few_shot"]
    if isinstance(shots, dict):  # tfds.as_numpy gives a dict of arrays.
        shots = [
            {key: shots[key][i] for key in ("inputs", "outputs", "program")}
            for i in range(len(shots["program"]))
        ]
    few_shots = [
        _problem_from_strings(domain, s["inputs"], s["outputs"], s["program"], version)
        for s in shots
    ]
    test = _problem_from_strings(
        domain, example["inputs"], example["outputs"], example["program"], version
    )
    return int(example["index"]), few_shots, test


def find_tfds_dataset(data_dir, domain: str, experiment) -> pathlib.Path:
    """The folder of a built `exedec_<domain>` dataset for `experiment`.

    Looks for `<data_dir>/exedec_<domain>/<experiment>/<version>/` first (the
    registered paper-scale config), then any other scale of the experiment
    (`<experiment>_<suffix>`, e.g. `none_tiny`): the `llm` split is the same
    released file at every scale.

    Raises:
      FileNotFoundError: nothing built there (the message says how to build).
    """
    from exedec_tf.experiments import parse_experiment

    check_domain(domain)
    if data_dir is None:
        import tensorflow_datasets as tfds

        data_dir = tfds.core.constants.DATA_DIR
    root = pathlib.Path(data_dir).expanduser() / f"exedec_{domain}"
    name = parse_experiment(experiment).name.lower()
    for pattern in (f"{name}/*/dataset_info.json", f"{name}_*/*/dataset_info.json"):
        found = sorted(root.glob(pattern))
        if found:
            return found[-1].parent
    raise FileNotFoundError(
        f"no built exedec_{domain} dataset for {name} under {root}; build it "
        f"with `tfds build exedec_{domain} --imports=exedec_tf.datasets "
        f"--config={name} "
        f"--data_dir={data_dir}`"
    )


def load_rows_tfds(domain: str, experiment, version: int, data_dir=None) -> list[Row]:
    """Rows of the TFDS `llm` split of a built `exedec_<domain>` dataset.

    Args:
      data_dir: the TFDS data directory (default: TFDS's); see
        `find_tfds_dataset` for how the dataset folder is chosen.
    """
    import tensorflow_datasets as tfds

    builder = tfds.builder_from_directory(
        str(find_tfds_dataset(data_dir, domain, experiment))
    )
    dataset = builder.as_dataset(split="llm")
    rows = [row_from_tfds_example(ex, domain, version) for ex in tfds.as_numpy(dataset)]
    return sorted(rows, key=lambda row: row[0])
