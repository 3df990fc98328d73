"""Tests of the Flax checkpoint converter (models.md §10.3).

Checkpoints are written in the original optimizer format from random
parameters, converted, and the Keras logits are compared with the NumPy
forward pass of `numpy_reference.py` run on the very same parameter tree.
"""

import pathlib

import numpy as np

from exedec_tf.configs import get_config
from exedec_tf.models import (
    SpecDecomposer,
    create_model,
    flax_param_paths,
    get_flax_params,
)
from exedec_tf.models.flax_checkpoint import (
    CheckpointMismatchError,
    FlaxCheckpoint,
    convert_checkpoint,
    export_flax_checkpoint,
    read_flax_checkpoint,
    save_keras_weights,
    write_flax_checkpoint,
)
from exedec_tf.models.flax_checkpoint_format import (
    CheckpointFormatError,
    msgpack_restore,
    msgpack_serialize,
)
from tests.models import numpy_reference
from tests.models.tiny import make_batch, tiny_config
from tests.test_case import TestCase, seeded

ATOL = 1e-5


def random_params(model, rng) -> dict[str, np.ndarray]:
    """Random float32 values for every Flax path of `model`, biases and
    LayerNorm parameters included (not the model's own initial values)."""
    params = {}
    for param in flax_param_paths(model):
        path, shape = param.flax_path, param.shape
        leaf = path.rsplit("/", 1)[-1]
        if leaf == "scale":
            value = 1.0 + 0.3 * rng.standard_normal(shape)
        elif leaf == "bias":
            value = 0.3 * rng.standard_normal(shape)
        elif leaf == "embedding":
            value = rng.standard_normal(shape)
        else:
            value = rng.standard_normal(shape) / np.sqrt(shape[0])
        params[path] = value.astype(np.float32)
    return params


def assert_params_equal(got: dict, want: dict):
    assert sorted(got) == sorted(want)
    for path in want:
        np.testing.assert_array_equal(got[path], want[path], err_msg=path)


def nest(flat: dict) -> dict:
    """{"a/b": x} -> {"a": {"b": x}}."""
    tree = {}
    for path, value in flat.items():
        *parents, leaf = path.split("/")
        node = tree
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    return tree


def non_relative(params: dict) -> dict:
    """The tree of the same config without relative attention (§9, §10.1)."""
    renamed = {}
    for path, array in params.items():
        if "/Embed_0/" in path:
            continue
        path = path.replace("RelativeSelfAttention_0", "SelfAttention_0")
        path = path.replace(
            "RelativeMultiHeadDotProductAttention_0", "MultiHeadDotProductAttention_0"
        )
        renamed[path] = array
    return renamed


class FlaxCheckpointTest(TestCase):
    # Building a model costs seconds, so one tiny synthesizer (the §10.2
    # config) is shared; every conversion overwrites all of its weights.
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = tiny_config("synthesizer_model")
        cls.model = create_model("synthesizer_model", cls.config)
        cls.params = random_params(cls.model, seeded(0))

    def setUp(self):
        super().setUp()
        self.dir = pathlib.Path(self.get_temp_dir())

    def write(self, name="checkpoint_7", params=None, step=7, **kwargs):
        params = self.params if params is None else params
        return write_flax_checkpoint(self.dir / name, params, step, **kwargs)

    def check_logits(self, model, config, params):
        batch = make_batch(seeded(1), config)
        got = np.asarray(model(batch, training=False))
        want = numpy_reference.logits(
            params, config, batch["inputs"], batch["outputs"], batch["targets"]
        )
        self.assertEqual(got.shape, want.shape)
        error = np.abs(got - want).max()
        self.assertLess(error, ATOL, f"max abs error {error}")

    def test_program_model_logits_match_numpy_reference(self):
        model = convert_checkpoint(self.write(), self.model)
        self.assertIs(model, self.model)
        assert_params_equal(get_flax_params(model), self.params)
        self.check_logits(model, self.config, self.params)

    def test_aligned_spec_decomposer_logits_match_numpy_reference(self):
        config = tiny_config("spec_decomposer_model")
        model = create_model("spec_decomposer_model", config)
        params = random_params(model, seeded(4))
        convert_checkpoint(self.write(params=params), model)
        assert_params_equal(get_flax_params(model), params)
        self.check_logits(model, config, params)

    def test_file_has_the_original_optimizer_layout(self):
        path = self.write("checkpoint_42", step=42)
        # Written through a temporary file that is renamed into place.
        self.assertEqual([p.name for p in self.dir.iterdir()], [path.name])
        tree = msgpack_restore(path.read_bytes())
        self.assertEqual(set(tree), {"target", "state"})
        self.assertEqual(set(tree["target"]), {"encoder", "decoder"})
        self.assertEqual(set(tree["state"]), {"step", "param_states"})
        self.assertEqual(tree["state"]["step"].dtype, np.int32)
        self.assertEqual(tree["state"]["step"].shape, ())
        self.assertEqual(int(tree["state"]["step"]), 42)
        emb = tree["state"]["param_states"]["encoder"]["embed"]["embedding"]
        self.assertEqual(set(emb), {"grad_ema", "grad_sq_ema"})
        self.assertEqual(emb["grad_ema"].shape, (20, 16))

    def test_read_small_config_counts(self):
        # The §10.2 config: 116 leaves and 19,065 parameters.
        checkpoint = read_flax_checkpoint(self.write(step=300))
        self.assertEqual(checkpoint.step, 300)
        self.assertEqual(checkpoint.num_tensors, 116)
        self.assertEqual(checkpoint.num_parameters, 19_065)
        assert_params_equal(checkpoint.flat_params(), self.params)

    def test_optimizer_moments_round_trip(self):
        rng = seeded(3)
        first = {
            p: rng.standard_normal(a.shape).astype("f4") for p, a in self.params.items()
        }
        second = {p: np.square(a) for p, a in first.items()}
        states = nest(
            {f"{p}/grad_ema": a for p, a in first.items()}
            | {f"{p}/grad_sq_ema": a for p, a in second.items()}
        )
        path = self.write(param_states=states)
        got_first, got_second = read_flax_checkpoint(path).adam_moments()
        assert_params_equal(got_first, first)
        assert_params_equal(got_second, second)

    def test_default_moments_are_zero(self):
        first, second = read_flax_checkpoint(self.write()).adam_moments()
        self.assertEqual(sorted(first), sorted(self.params))
        self.assertEqual(sorted(second), sorted(self.params))
        self.assertFalse(any(a.any() for a in [*first.values(), *second.values()]))

    def test_no_moments_in_a_parameters_only_file(self):
        with self.assertRaisesRegex(ValueError, "no optimizer state"):
            FlaxCheckpoint(params=nest(self.params)).adam_moments()

    def test_directory_gives_the_newest_step(self):
        newer = {p: a + 1 for p, a in self.params.items()}
        self.write("checkpoint_5", step=5)
        self.write("checkpoint_10", params=newer, step=10)
        (self.dir / "checkpoint_20.tmp").write_bytes(b"partial")
        checkpoint = read_flax_checkpoint(self.dir)
        self.assertEqual(checkpoint.step, 10)
        assert_params_equal(checkpoint.flat_params(), newer)

    def test_parameters_only_files(self):
        for name, tree in (
            ("params", {"params": nest(self.params)}),
            ("bare", nest(self.params)),
        ):
            with self.subTest(name):
                path = self.dir / name
                path.write_bytes(msgpack_serialize(tree))
                checkpoint = read_flax_checkpoint(path)
                self.assertIsNone(checkpoint.step)
                self.assertIsNone(checkpoint.param_states)
                convert_checkpoint(checkpoint, self.model)
                assert_params_equal(get_flax_params(self.model), self.params)

    def check_mismatch(self, params, path, checkpoint_shape, model_shape, model=None):
        model = self.model if model is None else model
        before = get_flax_params(model)
        with self.assertRaises(CheckpointMismatchError) as raised:
            convert_checkpoint(FlaxCheckpoint(params=nest(params)), model)
        error = raised.exception
        self.assertEqual(error.path, path)
        self.assertEqual(error.checkpoint_shape, checkpoint_shape)
        self.assertEqual(error.model_shape, model_shape)
        self.assertIn(path, str(error))
        for shape in (checkpoint_shape, model_shape):
            if shape is not None:
                self.assertIn(str(shape), str(error))
        assert_params_equal(get_flax_params(model), before)  # nothing assigned
        return str(error)

    def test_mismatched_vocabulary(self):
        config = tiny_config("synthesizer_model", output_vocab_size=30)
        message = self.check_mismatch(
            self.params,
            "decoder/embed_output/embedding",
            (25, 16),
            (30, 16),
            model=create_model("synthesizer_model", config),
        )
        # embed_output, logitdense kernel and bias
        self.assertIn("3 parameter(s) differ (3 in shape", message)

    def test_missing_parameter(self):
        params = dict(self.params)
        del params["decoder/logitdense/bias"]
        message = self.check_mismatch(params, "decoder/logitdense/bias", None, (25,))
        self.assertIn("missing from the checkpoint", message)

    def test_extra_parameter(self):
        params = dict(self.params)
        params["decoder/aaa/kernel"] = np.zeros((2, 2), np.float32)
        message = self.check_mismatch(params, "decoder/aaa/kernel", (2, 2), None)
        self.assertIn("not a parameter of the model", message)

    def test_non_relative_checkpoint_into_relative_model(self):
        message = self.check_mismatch(
            non_relative(self.params),
            "decoder/encoderdecoderblock_0/MultiHeadDotProductAttention_0/key/kernel",
            (16, 2, 8),
            None,
        )
        # 40 renamed kernels not in the model; 50 relative ones + 10 tables missing
        self.assertIn("(0 in shape, 50 missing from the checkpoint, 40 not", message)

    def test_convert_by_config(self):
        name = "deepcoder_spec_decomposer_tiny"
        config = get_config(name)
        params = random_params(create_model(config.model_type, config.model), seeded(2))
        model = convert_checkpoint(self.write(params=params), config)
        self.assertIsInstance(model, SpecDecomposer)
        self.assertEqual(model.config, config.model)
        assert_params_equal(get_flax_params(model), params)
        # And a checkpoint of another model is refused, naming the config.
        with self.assertRaisesRegex(
            CheckpointMismatchError,
            f"config '{name}'.*'decoder/embed_output/embedding'.*"
            r"\(25, 16\).*\(153, 32\)",
        ):
            convert_checkpoint(self.write("other"), config)

    def test_config_names_are_resolved_by_front_ends_only(self):
        # The library takes config objects; a name is a TypeError here.
        with self.assertRaisesRegex(TypeError, "ExperimentConfig, got str"):
            convert_checkpoint(self.write(), "deepcoder_spec_decomposer_tiny")
        with self.assertRaisesRegex(TypeError, "ExperimentConfig, got int"):
            convert_checkpoint(self.write(), 3)

    def test_bad_files(self):
        data = self.write().read_bytes()
        cases = {
            "truncated": (data[: len(data) // 2], "incomplete"),
            "garbage": (b"\x89HDF\r\n\x1a\n not msgpack at all", "not a msgpack"),
            "not a map": (msgpack_serialize([1, 2]), "top level is a list"),
            "no params": (
                msgpack_serialize({"state": {"step": np.int32(1)}}),
                r"no parameter tree.*\['state'\]",
            ),
            "empty params": (msgpack_serialize({"target": {}}), "empty"),
            "bad step": (
                msgpack_serialize(
                    {"target": nest(self.params), "state": {"step": "x"}}
                ),
                "state/step 'x' is no integer",
            ),
            "string leaf": (
                msgpack_serialize({"params": {"encoder": {"w": "x"}}}),
                "encoder/w is not a numeric array",
            ),
        }
        for name, (content, message) in cases.items():
            with self.subTest(name):
                path = self.dir / name.replace(" ", "_")
                path.write_bytes(content)
                with self.assertRaisesRegex(CheckpointFormatError, message) as raised:
                    read_flax_checkpoint(path)
                self.assertIn(str(path), str(raised.exception))

    def test_missing_file_and_empty_directory(self):
        with self.assertRaisesRegex(FileNotFoundError, "does not exist"):
            read_flax_checkpoint(self.dir / "checkpoint_1")
        empty = self.dir / "empty"
        empty.mkdir()
        with self.assertRaisesRegex(FileNotFoundError, "no checkpoint_<step>"):
            read_flax_checkpoint(empty)

    def test_keras_weights_and_export_round_trip(self):
        convert_checkpoint(self.write(), self.model)
        out = save_keras_weights(self.model, self.dir / "out" / "model.weights.h5")
        with self.assertRaisesRegex(ValueError, r"\.weights\.h5"):
            save_keras_weights(self.model, self.dir / "model.h5")
        # Scramble, reload the Keras file, then export back to Flax.
        for variable in self.model.weights:
            variable.assign(np.zeros(variable.shape, np.float32))
        self.model.load_weights(str(out))
        assert_params_equal(get_flax_params(self.model), self.params)
        exported = export_flax_checkpoint(self.model, self.dir / "back" / "c_3", 3)
        checkpoint = read_flax_checkpoint(exported)
        self.assertEqual(checkpoint.step, 3)
        assert_params_equal(checkpoint.flat_params(), self.params)
