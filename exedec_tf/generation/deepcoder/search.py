"""Exhaustive enumeration of the programs of one length (splits spec §4.6–§4.7).

The original walks a tree whose nodes are partial programs: at each node it
draws a variable name, shuffles the usable operations, and tries every
well-typed statement in that order, recursing into each one that runs on all
examples, is not redundant and gives a new value at this node. Nodes with at
least 3 statements first draw `random()` for early stopping. Because those
draws depend on exactly which children exist, the whole tree must be walked
in the original order; this module does that walk with cheaper bookkeeping:

* a node's state is a list of column ids (see `columns`), not per-example
  `ProgramState` objects, so the checks are id comparisons;
* the candidate statements of a node depend only on the variable types, the
  operation pool, the unused variables and whether it is the last position,
  so they are built once per such combination and cached;
* a statement is a (variable, primitive, argument positions) tuple; DSL
  objects are only built for the programs finally sampled.

Complete programs never contain dead code: the last statement must use all
unused variables, so every earlier variable is used. The duplicate-output
check (which with two or more examples implies the constant-output check)
is a property of the output column. Programs are recorded straight into the
equivalence dictionary, first found wins, which is what collecting them in a
list and inserting them afterwards in order did.
"""

import dataclasses
import itertools
import random
from collections.abc import Sequence

from exedec_tf.dsl.deepcoder.config import DeepCoderConfig
from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS_ONLY_MINUS_MIN
from exedec_tf.dsl.deepcoder.operations import Operation
from exedec_tf.dsl.deepcoder.variables import all_variables
from exedec_tf.generation.deepcoder.columns import (
    ID_BITS,
    INVALID,
    PRIM_BITS,
    ColumnTable,
)
from exedec_tf.generation.deepcoder.primitives import Primitive
from exedec_tf.generation.deepcoder.shuffle import range_shuffler

# A statement inside the search: (variable, primitive index, argument
# positions in the state, second position or -1).
PathStatement = tuple[str, int, int, int]
Path = tuple[PathStatement, ...]

# One candidate statement of a node: (primitive, first argument position,
# second position or -1, whether the two arguments may be swapped for the
# memo, unused positions after it, types of the child state). The last two
# are only filled for positions before the last.
_Candidate = tuple[int, int, int, bool, tuple[int, ...], tuple[bool, ...]]

_RESTRICTED_SCANL1_LAMBDAS = frozenset(lam.token for lam in LAMBDAS_ONLY_MINUS_MIN)


@dataclasses.dataclass(frozen=True)
class LengthPlan:
    """What to enumerate for one program length of one distribution.

    Attributes:
      pools: Operation pools, each searched from the root in turn.
      split_pools: If set (SWITCH_CONCEPT_ORDER), (pool for positions before
        length // 2, pool for the rest), overriding `pools` per position.
      restrict_scanl1: Scanl1 may only use the lambdas (-) and (min).
      keep_features: Primitive feature bits a program must all have (each
        from any of its statements); 0 keeps every program.
    """

    pools: tuple[tuple[Operation, ...], ...]
    split_pools: tuple[tuple[Operation, ...], tuple[Operation, ...]] | None = None
    restrict_scanl1: bool = False
    keep_features: int = 0


class CandidateCache:
    """Candidate statement lists per (types, pool, unused, last) combination.

    Shared by all searches over one primitive table; only deterministic,
    input-independent structure is cached.
    """

    def __init__(self, prims: Sequence[Primitive]):
        """Creates an empty cache for `prims` (from `primitives.primitives`)."""
        self._prims = prims
        self._pool_ids: dict[tuple[tuple[Operation, ...], bool], int] = {}
        self._pool_prims: list[list[tuple[Operation, list[Primitive]]]] = []
        self._entries: dict[tuple, tuple[int, tuple[tuple[_Candidate, ...], ...]]]
        self._entries = {}

    def pool_id(self, pool: Sequence[Operation], restrict_scanl1: bool) -> int:
        """Returns a small id for an operation pool (with its lambda rule)."""
        key = (tuple(pool), restrict_scanl1)
        pid = self._pool_ids.get(key)
        if pid is None:
            pid = len(self._pool_prims)
            self._pool_ids[key] = pid
            self._pool_prims.append(
                [(op, self._op_prims(op, restrict_scanl1)) for op in pool]
            )
        return pid

    def _op_prims(self, op: Operation, restrict_scanl1: bool) -> list[Primitive]:
        # The lambda is the first argument, so it varies slowest in the
        # product; lambdas come in the order of the lambda table.
        prims = [p for p in self._prims if p.operation is op]
        if restrict_scanl1 and op.token == "Scanl1":
            prims = [p for p in prims if p.lam.token in _RESTRICTED_SCANL1_LAMBDAS]
        return prims

    def get(
        self,
        types: tuple[bool, ...],
        pool_id: int,
        unused: tuple[int, ...],
        last: bool,
    ) -> tuple[int, tuple[tuple[_Candidate, ...], ...]]:
        """Returns (number of usable ops, candidates of each usable op).

        Args:
          types: Per state position, whether its value is a list (else int).
          pool_id: From `pool_id`.
          unused: Positions of computed variables not used yet (at most 2).
          last: Whether the statement completes the program.
        """
        key = (types, pool_id, unused, last)
        entry = self._entries.get(key)
        if entry is None:
            entry = self._build(types, pool_id, unused, last)
            self._entries[key] = entry
        return entry

    def _build(self, types, pool_id, unused, last):
        by_type = {
            int: [i for i, is_list in enumerate(types) if not is_list],
            list: [i for i, is_list in enumerate(types) if is_list],
        }
        new_position = len(types)
        per_op = []
        for op, prims in self._pool_prims[pool_id]:
            variable_types = [t for t in op.arg_types if t is int or t is list]
            if not all(by_type[t] for t in variable_types):
                continue
            child_types = types + (op.result_type is list,)
            candidates = []
            for prim in prims:
                for args in itertools.product(*(by_type[t] for t in variable_types)):
                    if not _uses_enough(args, unused, last):
                        continue
                    child_unused = tuple(u for u in unused if u not in args) + (
                        new_position,
                    )
                    candidates.append(
                        (
                            prim.index,
                            args[0],
                            args[1] if len(args) > 1 else -1,
                            prim.commutative,
                            () if last else child_unused,
                            () if last else child_types,
                        )
                    )
            per_op.append(tuple(candidates))
        return len(per_op), tuple(per_op)


def _uses_enough(args: Sequence[int], unused: Sequence[int], last: bool) -> bool:
    """The original's rule on which unused variables a statement must use."""
    if last:
        return all(u in args for u in unused)
    if len(unused) == 2:
        return any(u in args for u in unused)
    if len(unused) > 2:
        raise AssertionError(f"impossible number of unused variables: {unused}")
    return True


class LengthSearch:
    """Enumerates the programs of one length into an equivalence dictionary.

    Attributes:
      programs: Output column id -> first path found with that output. Shared
        across lengths of one distribution; only new keys are added.
    """

    def __init__(
        self,
        rng: random.Random,
        table: ColumnTable,
        cache: CandidateCache,
        prims: Sequence[Primitive],
        input_names: Sequence[str],
        input_ids: Sequence[int],
        input_is_list: Sequence[bool],
        num_examples: int,
        canonical: bool,
        config: DeepCoderConfig,
        programs: dict[int, Path],
    ):
        """Sets up a search over fixed inputs (see `run` for one length)."""
        self._rng = rng
        self._shuffled_range = range_shuffler(rng)
        self._table = table
        memo, self._compute = table.memo_views()
        self._memo_get = memo.get
        distinct, self._all_distinct = table.distinct_views()
        self._distinct_get = distinct.get
        self._cache = cache
        self._features = [p.features for p in prims]
        self._input_names = list(input_names)
        self._input_ids = list(input_ids)
        self._input_types = tuple(input_is_list)
        # With one example every output is "constant" and rejected.
        self._can_accept = num_examples >= 2
        self._canonical = canonical
        self._names = all_variables(config)
        self._sorted_names = sorted(self._names)
        self.programs = programs

    def run(self, length: int, plan: LengthPlan, stop_probability: float) -> None:
        """Searches all programs of `length` statements, pool by pool."""
        if length < 1:
            raise ValueError(f"program length must be >= 1, got {length}")
        self._length = length
        self._p = stop_probability
        self._keep = plan.keep_features
        cache = self._cache
        if plan.split_pools is not None:
            if length < 2:
                raise ValueError(f"split pools need length >= 2, got {length}")
            first, second = plan.split_pools
            pid_first = cache.pool_id(first, plan.restrict_scanl1)
            pid_second = cache.pool_id(second, plan.restrict_scanl1)
            self._pool_by_depth = [
                pid_first if depth < length // 2 else pid_second
                for depth in range(length)
            ]
            self._expand(
                self._input_ids, self._input_names, self._input_types, (), (), 0
            )
            return
        for pool in plan.pools:
            pid = cache.pool_id(pool, plan.restrict_scanl1)
            self._pool_by_depth = [pid] * length
            self._expand(
                self._input_ids, self._input_names, self._input_types, (), (), 0
            )

    def _new_variable(self, names: Sequence[str]) -> str:
        if self._canonical:
            for name in self._names:
                if name not in names:
                    return name
        else:
            free = [name for name in self._sorted_names if name not in names]
            if free:
                return self._rng.choice(free)
        raise ValueError(f"all variable names are taken: {list(names)}")

    def _expand(
        self,
        ids: list[int],
        names: list[str],
        types: tuple[bool, ...],
        unused: tuple[int, ...],
        path: Path,
        mask: int,
    ) -> None:
        """Expands one internal node (its early-stopping draw is already done).

        The loops below are the hot path of data generation, hence the local
        aliases and the memo lookups of `ColumnTable.apply` written inline.
        """
        depth = len(path)
        child_depth = depth + 1
        last = child_depth == self._length
        variable = self._new_variable(names)
        num_ops, per_op = self._cache.get(
            types, self._pool_by_depth[depth], unused, last
        )
        order = self._shuffled_range(num_ops)

        draw = child_depth >= 3
        random = self._rng.random
        p = self._p
        memo_get = self._memo_get
        compute = self._compute
        prim_bits, id_bits = PRIM_BITS, ID_BITS
        # One set answers the three skip tests: invalid result, redundant
        # (equal to a variable of the state), or already seen at this node.
        seen = set(ids)
        seen.add(INVALID)
        seen_add = seen.add
        if last:
            programs = self.programs
            # With one example nothing is accepted, but the draws still happen.
            accepting = self._can_accept
            distinct_get = self._distinct_get
            all_distinct = self._all_distinct
            features = self._features
            keep = self._keep
            for oi in order:
                for prim, a, b, swap, _, _ in per_op[oi]:
                    ia = ids[a]
                    if b < 0:
                        key = (ia << prim_bits) | prim
                        r = memo_get(key)
                        if r is None:
                            r = compute(key, prim, ia, -1)
                    else:
                        ib = ids[b]
                        if swap and ia > ib:
                            ia, ib = ib, ia
                        key = (((ia << id_bits) | ib) << prim_bits) | prim
                        r = memo_get(key)
                        if r is None:
                            r = compute(key, prim, ia, ib)
                    if r in seen:
                        continue
                    seen_add(r)
                    if draw and random() < p:
                        continue
                    if r in programs or not accepting:
                        continue
                    ok = distinct_get(r)
                    if ok is None:
                        ok = all_distinct(r)
                    if ok and (mask | features[prim]) & keep == keep:
                        programs[r] = path + ((variable, prim, a, b),)
            return

        features = self._features
        expand = self._expand
        child_names = names + [variable]
        for oi in order:
            for prim, a, b, swap, child_unused, child_types in per_op[oi]:
                ia = ids[a]
                if b < 0:
                    key = (ia << prim_bits) | prim
                    r = memo_get(key)
                    if r is None:
                        r = compute(key, prim, ia, -1)
                else:
                    ib = ids[b]
                    if swap and ia > ib:
                        ia, ib = ib, ia
                    key = (((ia << id_bits) | ib) << prim_bits) | prim
                    r = memo_get(key)
                    if r is None:
                        r = compute(key, prim, ia, ib)
                if r in seen:
                    continue
                seen_add(r)
                if draw and random() < p:
                    continue
                expand(
                    ids + [r],
                    child_names,
                    child_types,
                    child_unused,
                    path + ((variable, prim, a, b),),
                    mask | features[prim],
                )
