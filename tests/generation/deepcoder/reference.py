"""A slow, literal reference of the enumeration search (splits spec §4.6–§4.7).

Written straight from the spec with DSL objects (`ProgramState`, `Statement`,
`Program`) and string keys, to check the fast search against it: same
programs in the same order, and the same RNG state afterwards.
"""

import itertools

from exedec_tf.dsl.deepcoder.lambdas import LAMBDAS, LAMBDAS_ONLY_MINUS_MIN
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.statement import Statement
from exedec_tf.generation.deepcoder.inputs import new_variable


def _redundant(states):
    n = len(states[0]) - 1
    return any(all(s.values[i] == s.values[-1] for s in states) for i in range(n))


def _dead_code(program):
    tokens = program.tokenize()
    return any(tokens.count(s.variable) == 1 for s in program.statements[:-1])


def reference_search(
    rng,
    example_inputs,
    input_variables,
    length,
    pools_by_depth_list,
    restrict_scanl1,
    keep,
    canonical,
    stop_probability,
    programs,
):
    """Fills `programs` (output strings -> Program), first found wins.

    `pools_by_depth_list` holds one entry per root search: a function from
    the depth to the operation pool. `keep` is None or a Program predicate.
    """
    found = []

    def node(states, statements, unused, pool_at):
        if len(statements) >= 3 and rng.random() < stop_probability:
            return
        if len(statements) == length:
            program = Program(input_variables, statements)
            outputs = [s.values[-1] for s in states]
            texts = [str(o) for o in outputs]
            if _dead_code(program) or len(set(texts)) < len(texts):
                return
            if all(o == outputs[0] for o in outputs):
                return
            found.append(program)
            return
        last = len(statements) + 1 == length
        variable = new_variable(rng, states[0].variables, canonical)
        by_type = {int: [], list: []}
        for name, value in zip(states[0].variables, states[0].values, strict=True):
            by_type[type(value)].append(name)
        ops = [
            op
            for op in pool_at(len(statements))
            if all(by_type[t] for t in op.arg_types if t in (int, list))
        ]
        rng.shuffle(ops)
        candidates = []
        for op in ops:
            slots = []
            for t in op.arg_types:
                if t in (int, list):
                    slots.append(by_type[t])
                elif restrict_scanl1 and op.token == "Scanl1":
                    slots.append(list(LAMBDAS_ONLY_MINUS_MIN))
                else:
                    slots.append([lam for lam in LAMBDAS if lam.type == t])
            for args in itertools.product(*slots):
                used = [a for a in args if isinstance(a, str)]
                if last:
                    ok = all(u in used for u in unused)
                elif len(unused) == 2:
                    ok = any(u in used for u in unused)
                else:
                    ok = True
                if ok:
                    candidates.append(Statement(variable, op, args))
        seen = set()
        for statement in candidates:
            next_states = [statement.run(s) for s in states]
            if any(s is None for s in next_states) or _redundant(next_states):
                continue
            key = tuple(str(s.values[-1]) for s in next_states)
            if key in seen:
                continue
            seen.add(key)
            next_unused = list(unused) + [variable]
            for arg in statement.args:
                if isinstance(arg, str) and arg in next_unused:
                    next_unused.remove(arg)
            node(next_states, statements + [statement], next_unused, pool_at)

    for pool_at in pools_by_depth_list:
        states = [ProgramState(inputs, input_variables) for inputs in example_inputs]
        node(states, [], [], pool_at)
    for program in found:
        if keep is not None and not keep(program):
            continue
        key = tuple(str(program.run_output(inputs)) for inputs in example_inputs)
        programs.setdefault(key, program)
