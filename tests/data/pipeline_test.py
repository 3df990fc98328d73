"""Tests of exedec_tf.data.pipeline against the original's test vectors."""

import numpy as np
import pytest
import tensorflow as tf

from exedec_tf import domains
from exedec_tf.data import pipeline, released
from exedec_tf.data.tfds_base import task_example
from exedec_tf.domains.records import Task
from tests.conftest import shared_data_dir


def _tfds_like(domain_name: str, problem) -> tf.data.Dataset:
    """The released problem as the TFDS builders store it (decoded)."""
    domain = domains.get(domain_name)
    steps = tuple(domain.decompose(problem.program, problem.inputs))
    example = task_example(
        problem.index, Task(problem.inputs, problem.outputs, problem.program, steps)
    )
    example = {k: v for k, v in example.items() if k != "few_shot"}
    example["steps"] = {
        key: tf.constant([s[key] for s in example["steps"]])
        for key in example["steps"][0]
    }
    return tf.data.Dataset.from_tensors(example)


def _first(domain_name):
    return released.read_test_data(
        shared_data_dir() / "test_data", domain_name, "NONE"
    )[0]


def _all(ds):
    return [{k: v.numpy() for k, v in ex.items()} for ex in ds]


def _unpad(row):
    return [int(i) for i in row if i != 0]


def test_robustfill_vectors():
    ds = _tfds_like("robustfill", _first("robustfill"))
    kwargs = dict(domain="robustfill", num_examples=4)
    spec = _all(
        pipeline.model_examples(
            ds,
            model_type="spec_decomposer",
            max_input_length=200,
            max_target_length=85,
            **kwargs,
        )
    )
    assert len(spec) == 5
    assert _unpad(spec[0]["inputs"][0]) == [
        82,
        41,
        27,
        82,
        82,
        79,
        35,
        26,
        4,
        17,
        73,
        42,
        7,
        6,
        73,
        33,
        20,
        75,
    ]
    assert _unpad(spec[0]["targets"]) == [13, 86, 13, 86, 13, 86, 13, 2]
    assert _unpad(spec[1]["targets"]) == [73, 86, 39, 86, 43, 86, 34, 2]
    # The remaining outputs lose the already-produced leading `k`.
    text = "".join(
        domains.get("robustfill").spec_vocab[i] for i in _unpad(spec[1]["outputs"][0])
    )
    assert text == "[MY##:GXBO[NED[ER%8y##:Gxbo[Ned["
    synth = _all(
        pipeline.model_examples(
            ds,
            model_type="synthesizer",
            max_input_length=20,
            max_target_length=15,
            **kwargs,
        )
    )
    assert _unpad(synth[0]["targets"]) == [4, 29, 2]
    assert _unpad(synth[1]["targets"]) == [7, 109, 211, 2]
    assert _unpad(synth[0]["outputs"][0]) == [13]  # next part 'k'
    base = _all(
        pipeline.model_examples(
            ds,
            model_type="baseline",
            max_input_length=200,
            max_target_length=132,
            **kwargs,
        )
    )
    assert len(base) == 1
    assert _unpad(base[0]["targets"]) == [
        4,
        29,
        7,
        109,
        211,
        3,
        8,
        111,
        17,
        109,
        216,
        3,
        15,
        109,
        216,
        79,
        7,
        106,
        216,
        5,
        219,
        230,
        2,
    ]
    assert base[0]["inputs"].shape == (4, 200) and base[0]["inputs"].dtype == np.int32


def test_deepcoder_vectors():
    ds = _tfds_like("deepcoder", _first("deepcoder"))
    kwargs = dict(domain="deepcoder", num_examples=3, max_input_length=60)
    spec = _all(
        pipeline.model_examples(
            ds, model_type="spec_decomposer", max_target_length=30, **kwargs
        )
    )
    assert _unpad(spec[0]["inputs"][0]) == [42, 4, 6, 7, 3, 43, 4, 6, 102, 7]
    assert _unpad(spec[0]["targets"]) == [
        6,
        7,
        3,
        6,
        103,
        103,
        97,
        88,
        87,
        7,
        3,
        6,
        105,
        98,
        97,
        93,
        7,
        2,
    ]
    joint = _all(
        pipeline.model_examples(ds, model_type="joint", max_target_length=6, **kwargs)
    )
    assert _unpad(joint[0]["targets"]) == [22, 38, 42, 2]
    assert _unpad(joint[1]["targets"]) == [18, 27, 44, 2]
    base = _all(
        pipeline.model_examples(
            ds, model_type="baseline", max_target_length=49, **kwargs
        )
    )
    assert _unpad(base[0]["targets"]) == [
        42,
        4,
        5,
        3,
        43,
        4,
        5,
        3,
        44,
        4,
        22,
        38,
        42,
        3,
        45,
        4,
        18,
        27,
        44,
        3,
        46,
        4,
        19,
        33,
        45,
        2,
    ]


def test_batches_have_static_shapes():
    ds = _tfds_like("deepcoder", _first("deepcoder")).repeat(3)
    examples = pipeline.model_examples(
        ds,
        domain="deepcoder",
        model_type="synthesizer",
        num_examples=3,
        max_input_length=60,
        max_target_length=6,
    )
    batches = pipeline.batched(examples, 4)
    assert batches.element_spec["inputs"].shape == (4, 3, 60)
    assert batches.element_spec["targets"].shape == (4, 6)
    assert len(list(batches)) == 2  # 9 step examples, remainder dropped


def test_corruption_replaces_outputs_and_is_repeatable():
    problem = _first("robustfill")
    domain = domains.get("robustfill")
    steps = tuple(
        s.__class__(s.inputs, s.outputs, s.next_part, ("zz",) * 4, s.program_part)
        for s in domain.decompose(problem.program, problem.inputs)
    )
    example = task_example(
        0, Task(problem.inputs, problem.outputs, problem.program, steps)
    )
    del example["few_shot"]
    example["steps"] = {
        k: tf.constant([s[k] for s in example["steps"]]) for k in example["steps"][0]
    }
    ds = tf.data.Dataset.from_tensors(example)
    kwargs = dict(
        domain="robustfill",
        model_type="synthesizer",
        num_examples=4,
        max_input_length=20,
        max_target_length=15,
    )
    always = _all(pipeline.model_examples(ds, corruption_rate=1.0, **kwargs))
    assert all(_unpad(ex["outputs"][0]) == [28, 28] for ex in always)
    never = _all(pipeline.model_examples(ds, **kwargs))
    assert _unpad(never[0]["outputs"][0]) == [13]
    half = [
        _unpad(ex["outputs"][0])
        for ex in _all(
            pipeline.model_examples(ds, corruption_rate=0.5, seed=3, **kwargs)
        )
    ]
    again = [
        _unpad(ex["outputs"][0])
        for ex in _all(
            pipeline.model_examples(ds, corruption_rate=0.5, seed=3, **kwargs)
        )
    ]
    assert half == again


def test_too_long_sequences_are_reported():
    ds = _tfds_like("robustfill", _first("robustfill"))
    examples = pipeline.model_examples(
        ds,
        domain="robustfill",
        model_type="baseline",
        num_examples=4,
        max_input_length=200,
        max_target_length=10,
    )
    with pytest.raises(
        tf.errors.InvalidArgumentError,
        match="program is longer than its static length 10",
    ):
        _all(examples)


def test_wrong_number_of_examples_is_reported():
    ds = _tfds_like("robustfill", _first("robustfill"))
    examples = pipeline.model_examples(
        ds,
        domain="robustfill",
        model_type="baseline",
        num_examples=3,
        max_input_length=200,
        max_target_length=132,
    )
    with pytest.raises(tf.errors.InvalidArgumentError, match="exactly 3 examples"):
        _all(examples)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"model_type": "decoder"}, "'decoder'"),
        ({"corruption_rate": 1.5}, "1.5"),
        ({"model_type": "joint", "corruption_rate": 0.5}, "synthesizer only"),
        ({"max_input_length": 0}, "max_input_length"),
    ],
)
def test_bad_arguments(kwargs, match):
    args = dict(
        domain="robustfill",
        model_type="synthesizer",
        num_examples=4,
        max_input_length=20,
        max_target_length=15,
    )
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        pipeline.model_examples(tf.data.Dataset.range(1), **args)


def test_model_type_suffix_is_accepted():
    ds = _tfds_like("deepcoder", _first("deepcoder"))
    runs = [
        _all(
            pipeline.model_examples(
                ds,
                domain="deepcoder",
                model_type=spelling,
                num_examples=3,
                max_input_length=60,
                max_target_length=30,
            )
        )
        for spelling in ("spec_decomposer", "spec_decomposer_model")
    ]
    assert len(runs[0]) == len(runs[1]) > 0
    for short, long in zip(*runs, strict=True):
        for key in ("inputs", "outputs", "targets"):
            np.testing.assert_array_equal(short[key], long[key])
