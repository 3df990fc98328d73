"""Joining the per-shard results of one evaluation into `results.json`."""

import json
import pathlib
import re

from exedec_tf.evaluation import results as results_io
from exedec_tf.evaluation.runner import write_tensorboard

_SHARD = re.compile(r"results-shard(\d{5})-of-(\d{5})\.jsonl$")


def merge_results(out_dir, tensorboard: bool = True) -> dict:
    """Merges every shard log in `out_dir` into `out_dir/results.json`.

    Shards of an older results format merge as they are (all shards must
    share one format).

    Raises:
      ResultsError: no shard logs, shards of different counts or settings, a
        shard missing, or one problem in two shards.
      ResultsFormatError: shards of different formats.
    """
    out_dir = pathlib.Path(out_dir)
    shards = sorted(p for p in out_dir.iterdir() if _SHARD.search(p.name))
    if not shards:
        raise results_io.ResultsError(
            f"no results-shard*-of-*.jsonl files in {out_dir}"
        )
    counts = {int(_SHARD.search(p.name).group(2)) for p in shards}
    if len(counts) != 1:
        raise results_io.ResultsError(f"shards of different counts {sorted(counts)}")
    count = counts.pop()
    found = {int(_SHARD.search(p.name).group(1)) for p in shards}
    missing = sorted(set(range(count)) - found)
    if missing:
        raise results_io.ResultsError(f"shards {missing} of {count} have no results")
    settings = None
    records: dict[int, dict] = {}
    for path in shards:
        shard_settings = json.loads(path.with_suffix(".settings.json").read_text())
        common = {k: v for k, v in shard_settings.items() if k != "shard_index"}
        if settings is None:
            settings = common
        elif common != settings:
            raise results_io.ResultsError(f"{path.name} was made with other settings")
        log = results_io.read_log(path, formats=results_io.KNOWN_FORMATS)
        for index, record in log.items():
            if index in records:
                raise results_io.ResultsError(
                    f"problem {index} appears in two shards ({path.name})"
                )
            records[index] = record
    settings = {**settings, "shard_index": None}
    summary = results_io.write_summary(out_dir / "results.json", settings, records)
    if tensorboard:
        write_tensorboard(
            out_dir / "tb" / "results", summary["totals"], settings["beam_size"]
        )
    return summary
