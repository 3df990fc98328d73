"""Record strings of enumerated programs, straight from the search's columns.

All programs of one search share their inputs, and the search has already
computed (and interned) every intermediate value, so their records need no
DSL objects and no re-execution: each column is formatted once and the
state strings are built by appending pieces. The strings equal those of
`ProgramState`, `Statement` and `Program` printing (tested).
"""

from collections.abc import Sequence

from exedec_tf.generation.deepcoder.columns import ColumnTable
from exedec_tf.generation.deepcoder.primitives import Primitive
from exedec_tf.generation.deepcoder.records import StepTrace, TaskTrace
from exedec_tf.generation.deepcoder.search import Path


def format_entry(value) -> str:
    """Formats one column entry (an int, or a list stored as a tuple)."""
    if type(value) is int:
        return str(value)
    if not value:
        return "[ ]"
    return "[ " + " ".join(map(str, value)) + " ]"


class PathTracer:
    """Builds the TaskTrace of each program path of one search."""

    def __init__(
        self,
        table: ColumnTable,
        prims: Sequence[Primitive],
        input_names: Sequence[str],
        input_ids: Sequence[int],
    ):
        """Prepares the strings shared by all programs of the search."""
        self._table = table
        self._prims = prims
        self._texts: dict[int, tuple[str, ...]] = {}
        self._input_names = list(input_names)
        self._input_ids = list(input_ids)
        columns = [self._column_texts(i) for i in input_ids]
        self._input_states = tuple(
            " | ".join(
                f"{name} = {texts[e]}"
                for name, texts in zip(input_names, columns, strict=True)
            )
            for e in range(len(columns[0]))
        )
        self._input_lines = " | ".join(f"{name} = INPUT" for name in input_names)
        # Right-hand-side prefix of each primitive, e.g. "Map (+1)".
        self._heads = [
            p.operation.token if p.lam is None else f"{p.operation.token} {p.lam.token}"
            for p in prims
        ]

    def _column_texts(self, cid: int) -> tuple[str, ...]:
        texts = self._texts.get(cid)
        if texts is None:
            texts = tuple(map(format_entry, self._table.columns[cid]))
            self._texts[cid] = texts
        return texts

    def trace(self, path: Path) -> TaskTrace:
        """Returns the trace of the program `path` on the search's inputs."""
        table = self._table
        names = list(self._input_names)
        ids = list(self._input_ids)
        states = list(self._input_states)
        parts = [self._input_lines]
        steps = []
        texts: tuple[str, ...] = ()
        for variable, prim, a, b in path:
            cid = table.apply(prim, ids[a], ids[b] if b >= 0 else -1)
            texts = self._column_texts(cid)
            args = names[a] if b < 0 else f"{names[a]} {names[b]}"
            part = f"{variable} = {self._heads[prim]} {args}"
            steps.append(StepTrace(tuple(states), texts, table.columns[cid], part))
            parts.append(part)
            states = [
                f"{state} | {variable} = {text}"
                for state, text in zip(states, texts, strict=True)
            ]
            names.append(variable)
            ids.append(cid)
        return TaskTrace(
            inputs=self._input_states,
            outputs=texts,
            program=" | ".join(parts),
            steps=tuple(steps),
        )
