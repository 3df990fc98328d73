"""The paper's table by one call: evaluate a grid of presets, then tabulate.

Each preset is evaluated by `exedec_tf.evaluation` (the same runner as
`exedec-tf evaluate`) on its experiment's released test problems, into
`<output_dir>/runs/<preset name>/`: resumable (a rerun skips finished
problems) and shardable (`shard_index`/`shard_count` on several machines,
then `merge_grid`). The table, CSV and bar chart are written from the runs'
`results.json` files.
"""

import json
import pathlib

from exedec_tf.presets.api import prepare
from exedec_tf.presets.errors import PresetError
from exedec_tf.presets.figure import bar_chart
from exedec_tf.presets.registry import Preset, select_presets
from exedec_tf.presets.table import (
    RunAccuracy,
    csv_table,
    markdown_table,
    table_cells,
)


def run_dir(output_dir, preset: Preset) -> pathlib.Path:
    """The evaluation folder of one preset."""
    return pathlib.Path(output_dir) / "runs" / preset.name


def released_test_file(domain: str, experiment: str, released_dir=None):
    """The released test problems of an experiment (verified; downloaded into
    the released-data cache when `released_dir` does not hold them).

    Raises:
      PresetError: the file is missing and cannot be downloaded (the message
        says where to put it).
    """
    from exedec_tf.data import sources

    try:
        return sources.fetch_file(
            "test_data", domain, experiment, cache_dir=released_dir
        )
    except OSError as error:
        folder = released_dir or sources.default_cache_dir()
        raise PresetError(
            f"the released {domain} {experiment} test problems are not in "
            f"{folder}/test_data and cannot be downloaded ({error}); run "
            "`exedec-tf download --families test_data` where there is network "
            "and copy the folder here (--released_dir or $EXEDEC_DATA_DIR)"
        ) from None


def evaluate_grid(
    output_dir,
    domain: str,
    *,
    experiments=None,
    methods=None,
    seeds=None,
    max_problems: int | None = None,
    released_dir=None,
    batch_size: int = 1,
    shard_index: int = 0,
    shard_count: int = 1,
    bucket_url: str | None = None,
    cache_dir=None,
    checkpoint_dir=None,
    progress: bool = True,
) -> list[Preset]:
    """Evaluates (this shard of) every preset of the grid; returns the presets.

    Options are the paper's (`LoopOptions()`: beam 10, detect_invalid,
    use_execution, discard_repeat_functionality); the method comes from the
    preset.
    """
    from exedec_tf.evaluation.api import evaluate_from_paths

    presets = select_presets(domain, experiments, methods, seeds)
    for preset in presets:
        prepared = prepare(
            preset.name,
            bucket_url=bucket_url,
            cache_dir=cache_dir,
            checkpoint_dir=checkpoint_dir,
            progress=progress,
        )
        evaluate_from_paths(
            run_dir(output_dir, preset),
            prepared.model_ids(),
            released_file=released_test_file(domain, preset.experiment, released_dir),
            domain=domain,
            num_problems=max_problems,
            batch_size=batch_size,
            shard_index=shard_index,
            shard_count=shard_count,
            progress=progress,
            models=prepared.load_models(),
        )
    return presets


def merge_grid(output_dir) -> list[pathlib.Path]:
    """Merges the shards of every run folder; returns the folders merged."""
    from exedec_tf.evaluation.merge import merge_results

    merged = []
    for folder in sorted((pathlib.Path(output_dir) / "runs").iterdir()):
        if any(folder.glob("results-shard*-of-*.jsonl")):
            merge_results(folder)
            merged.append(folder)
    return merged


def collect_runs(output_dir, presets) -> list[RunAccuracy]:
    """The accuracy of every preset whose `results.json` exists."""
    runs = []
    for preset in presets:
        path = run_dir(output_dir, preset) / "results.json"
        if not path.is_file():
            continue
        totals = json.loads(path.read_text())["totals"]
        runs.append(RunAccuracy(preset, totals["accuracy"], totals["num_problems"]))
    return runs


def write_table(output_dir, domain: str, runs) -> dict[str, pathlib.Path]:
    """Writes `paper_table_<domain>.md`, `.csv` and `.png`; returns the paths.

    Raises:
      ValueError: no finished runs of the domain.
    """
    cells = table_cells(runs, domain)
    if not cells:
        raise ValueError(
            f"no finished {domain} runs under {output_dir}/runs (results.json); "
            "run the grid (and merge its shards) first"
        )
    output_dir = pathlib.Path(output_dir)
    stem = output_dir / f"paper_table_{domain}"
    paths = {
        "markdown": stem.with_suffix(".md"),
        "csv": stem.with_suffix(".csv"),
    }
    paths["markdown"].write_text(markdown_table(cells, domain))
    paths["csv"].write_text(csv_table(cells))
    paths["png"] = bar_chart(cells, domain, stem.with_suffix(".png"))
    return paths


def paper_table(output_dir, domain: str, *, merge: bool = False, **grid):
    """Evaluates the grid (or only merges its shards) and writes the table.

    With `shard_count > 1` only this shard is evaluated and no table is
    written (returns {}); run with `merge=True` once every shard is done.

    Returns:
      The paths written (`markdown`, `csv`, `png`), or {} for a shard.
    """
    selection = {k: grid.get(k) for k in ("experiments", "methods", "seeds")}
    if merge:
        merge_grid(output_dir)
        presets = select_presets(domain, **selection)
    else:
        presets = evaluate_grid(output_dir, domain, **grid)
        if grid.get("shard_count", 1) > 1:
            return {}
    return write_table(output_dir, domain, collect_runs(output_dir, presets))
