"""A deliberately naive RobustFill generator written from the splits spec (§5, §6.2).

Test oracle for the optimised generator: it calls the stdlib `random.Random`
methods literally in the documented order and decides emptiness by evaluating
candidates with the DSL, with no caches and no closed forms. Agreement on
tasks, steps and the final RNG state shows that the optimisations changed
neither the random draws nor the accepted expressions.
"""

import random
import string

from exedec_tf.domains.records import Step, Task
from exedec_tf.dsl import robustfill as dsl
from exedec_tf.experiments import Experiment

_TYPE_ALPHABET = {
    dsl.Type.NUMBER: string.digits,
    dsl.Type.DIGIT: string.digits,
    dsl.Type.WORD: string.ascii_letters,
    dsl.Type.ALPHANUM: string.ascii_letters + string.digits,
    dsl.Type.CHAR: string.ascii_letters + string.digits,
    dsl.Type.ALL_CAPS: string.ascii_uppercase,
    dsl.Type.LOWER: string.ascii_lowercase,
}


def type_string(rng: random.Random, t) -> str:
    """Spec §5.4 `sample_type_string`."""
    if t is dsl.Type.PROP_CASE:
        length = rng.randint(1, 3)
        head = rng.choice(dsl.DELIMITER) + rng.choice(string.ascii_uppercase)
        return head + "".join(rng.choice(string.ascii_lowercase) for _ in range(length))
    length = rng.randint(1, 4)
    delimiter = rng.choice(dsl.DELIMITER)
    return delimiter + "".join(rng.choice(_TYPE_ALPHABET[t]) for _ in range(length))


def inputs(rng: random.Random, num_examples: int, max_length: int = 20):
    """Spec §5.4 `sample_inputs` (max_input_tokens 5, max_k 3)."""
    delimiters, types = {}, {}
    pieces = [[] for _ in range(num_examples)]
    for _ in range(rng.randint(3, 5)):
        if rng.randint(1, 3) == 1:
            d = rng.choice(dsl.DELIMITER)
            k = rng.randint(1, 3)
            delimiters[d] = delimiters.get(d, 0) + k
            for _ in range(k):
                for example in pieces:
                    example.append(d)
        else:
            t = rng.choice(list(dsl.Type))
            k = rng.randint(1, 3)
            types[t] = types.get(t, 0) + k
            for _ in range(k):
                for example in pieces:
                    s = type_string(rng, t)
                    example.append(s)
                    delimiters[s[0]] = delimiters.get(s[0], 0) + 1
        if max(sum(map(len, example)) for example in pieces) >= max_length:
            break
    values = []
    for example in pieces:
        rng.shuffle(example)
        values.append("".join(example)[:max_length])
    types[dsl.Type.CHAR] = max(map(len, values))
    return values, delimiters, types


class _Task:
    def __init__(self, rng, values, delimiters, types):
        self.rng, self.values = rng, values
        self.delimiters, self.types = delimiters, types

    def empty(self, expression) -> bool:
        try:
            return min(len(expression(v)) for v in self.values) == 0
        except Exception:
            return True

    def indices(self, count):
        return [i for i in dsl.INDEX if abs(i) <= count]

    def regex(self, coin):
        if self.delimiters and coin == 1:
            r = self.rng.choice(list(self.delimiters))
            return r, self.rng.choice(self.indices(self.delimiters[r]))
        r = self.rng.choice(list(self.types))
        return r, self.rng.choice(self.indices(self.types[r]))


def _retry(make):
    def sampler(task):
        while True:
            expression = make(task)
            if not task.empty(expression):
                return expression

    return sampler


def _substr(task):
    m = min(map(len, task.values))
    p1 = task.rng.randint(-m + 1, m)
    p2 = task.rng.randint(p1, m) if p1 > 0 else task.rng.randint(p1, 0)
    return dsl.SubStr(p1, p2)


def _get_span(task):
    coins = [task.rng.randint(1, 2), task.rng.randint(1, 2)]
    r1, i1 = task.regex(coins[0])
    r2, i2 = task.regex(coins[1])
    b1 = task.rng.choice(list(dsl.Boundary))
    b2 = task.rng.choice(list(dsl.Boundary))
    return dsl.GetSpan(r1, i1, b1, r2, i2, b2)


def _typed_index(task):
    t = task.rng.choice(list(task.types))
    return t, task.rng.choice(task.indices(task.types[t]))


def _upto_from_regex(task):
    coin = task.rng.randint(1, 2)
    if task.delimiters and coin == 1:
        return task.rng.choice(list(task.delimiters))
    return task.rng.choice(list(task.types))


def _trim(task):
    return None if task.empty(dsl.Trim()) else dsl.Trim()


def _remove(task):
    types = list(task.types)
    task.rng.shuffle(types)
    for t in types:
        expression = dsl.Remove(t, task.rng.choice(task.indices(task.types[t])))
        if not task.empty(expression):
            return expression
    return None


def _remove_all(task):
    types = list(task.types)
    task.rng.shuffle(types)
    for t in types:
        if not task.empty(dsl.RemoveAll(t)):
            return dsl.RemoveAll(t)
    return None


SUBSTRING = [
    _retry(_substr),
    _retry(_get_span),
    _retry(lambda task: dsl.GetToken(*_typed_index(task))),
    _retry(lambda task: dsl.GetUpto(_upto_from_regex(task))),
    _retry(lambda task: dsl.GetFrom(_upto_from_regex(task))),
]
MODIFICATION = [
    lambda task: dsl.ToCase(task.rng.choice(list(dsl.Case))),
    lambda task: dsl.Replace(
        task.rng.choice(list(task.delimiters)), task.rng.choice(dsl.DELIMITER)
    ),
    _trim,
    _retry(lambda task: dsl.GetFirst(*_typed_index(task))),
    _retry(lambda task: dsl.GetAll(task.rng.choice(list(task.types)))),
    lambda task: dsl.Substitute(*_typed_index(task), task.rng.choice(dsl.CHARACTER)),
    lambda task: dsl.SubstituteAll(
        task.rng.choice(list(task.types)), task.rng.choice(dsl.CHARACTER)
    ),
    _remove,
    _remove_all,
]


def expression(task, pool):
    """Spec §5.5 `random_expression`."""
    while True:
        sampler = pool
        while isinstance(sampler, list):
            sampler = task.rng.choice(sampler)
        result = sampler(task)
        if result is not None:
            return result


def _compose_of(inner_pool):
    def make(task):
        outer = expression(task, MODIFICATION)
        return dsl.Compose(outer, expression(task, inner_pool))

    return _retry(make)


def _const(task):
    return dsl.ConstStr(task.rng.choice(dsl.CHARACTER))


COMPOSE_MOD = _compose_of(MODIFICATION)
COMPOSE_SUB = _compose_of(SUBSTRING)
ALL = [SUBSTRING, MODIFICATION, [COMPOSE_MOD, COMPOSE_SUB], _const]
NO_COMPOSE = [SUBSTRING, MODIFICATION, _const]
NO_COMPOSE_SUBSTRING = [SUBSTRING, MODIFICATION, COMPOSE_MOD, _const]
ONLY_COMPOSE = [COMPOSE_MOD, COMPOSE_SUB]
MODIFY_OR_CONST = MODIFICATION + [_const]


def _random_task(rng, num_examples, max_length, low, high, pool, keep=None):
    task = _Task(rng, *inputs(rng, num_examples, max_length))
    n = rng.randint(low, high)
    while True:
        program = [expression(task, pool) for _ in range(n)]
        if keep is None or keep(program):
            return task.values, program


def program(rng, experiment, is_train, num_examples=4, max_length=20):
    """Spec §5.2: (inputs, expressions) of one task."""
    if experiment is Experiment.SWITCH_CONCEPT_ORDER:
        task = _Task(rng, *inputs(rng, num_examples, max_length))
        n = rng.randint(2, 6)
        first, second = SUBSTRING, MODIFY_OR_CONST
        if not is_train:
            first, second = second, first
        exprs = [expression(task, first) for _ in range(n // 2)]
        exprs += [expression(task, second) for _ in range(n - n // 2)]
        return task.values, exprs
    args = (rng, num_examples, max_length)
    if experiment is Experiment.NONE:
        return _random_task(*args, 1, 10, ALL)
    if experiment is Experiment.LENGTH_GENERALIZATION:
        return _random_task(*args, *((1, 6) if is_train else (7, 10)), ALL)
    if experiment is Experiment.COMPOSE_DIFFERENT_CONCEPTS:
        if is_train:
            return _random_task(*args, 2, 6, rng.choice([SUBSTRING, MODIFY_OR_CONST]))
        return _random_task(
            *args,
            2,
            6,
            [SUBSTRING, MODIFY_OR_CONST],
            lambda p: (
                any(isinstance(e, dsl.Substring) for e in p)
                and any(isinstance(e, (dsl.Modification, dsl.ConstStr)) for e in p)
            ),
        )
    if experiment is Experiment.COMPOSE_NEW_OP:
        if not is_train:
            return _random_task(
                *args, 2, 6, ALL, lambda p: any(type(e) is dsl.Compose for e in p)
            )
        if rng.random() < 0.25:
            return _random_task(*args, 1, 1, ONLY_COMPOSE)
        return _random_task(*args, 2, 6, NO_COMPOSE)
    if is_train:
        return _random_task(*args, 1, 6, NO_COMPOSE_SUBSTRING)
    return _random_task(
        *args,
        1,
        6,
        ALL,
        lambda p: any(
            type(e) is dsl.Compose
            and isinstance(e.modification_or_substring, dsl.Substring)
            for e in p
        ),
    )


def corrupt(rng, next_parts, outputs, remaining_parts, max_length=20):
    """Spec §5.6 corruption of one step's next parts."""
    n = len(outputs)
    corrupted = next_parts
    while corrupted == next_parts:
        technique = rng.choice(["multiple_parts", "perturb"])
        if technique == "multiple_parts":
            ks = [
                k
                for k in range(2, len(remaining_parts[0]))
                if max(len("".join(p[:k])) for p in remaining_parts) <= max_length
            ]
            if not ks:
                continue
            k = rng.choice(ks)
            corrupted = ["".join(p[:k]) for p in remaining_parts]
        else:
            chosen = rng.sample(range(n), rng.randint(1, n))
            corrupted = list(next_parts)
            for j in chosen:
                corrupted[j] = outputs[j][: rng.randint(0, max_length)]
    return corrupted


def task(rng, experiment, is_train, num_examples=4, max_length=20) -> Task:
    """One Task with its Steps (spec §6.2), corruptions drawn right after it."""
    values, exprs = program(rng, experiment, is_train, num_examples, max_length)
    parts = [[e(v) for e in exprs] for v in values]
    steps = []
    for i, e in enumerate(exprs):
        remaining = [p[i:] for p in parts]
        outputs = ["".join(p) for p in remaining]
        next_parts = [p[i] for p in parts]
        corrupted = corrupt(rng, next_parts, outputs, remaining, max_length)
        ids = " ".join(map(str, dsl.encode_expression(e)))
        steps.append(
            Step(
                tuple(values),
                tuple(outputs),
                tuple(next_parts),
                tuple(corrupted),
                ids,
            )
        )
    return Task(
        inputs=tuple(values),
        outputs=tuple("".join(p) for p in parts),
        program=dsl.program_to_string(dsl.Concat(*exprs)),
        steps=tuple(steps),
    )
