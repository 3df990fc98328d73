"""Tests of ExeDecTransformer: shapes, masking, causality, XLA and saving."""

import os

import keras
import numpy as np
import tensorflow as tf
from absl.testing import parameterized

from exedec_tf.models import create_model
from exedec_tf.models.exedec_transformer import ExeDecTransformer, shift_right
from tests.models.tiny import make_batch, randomise_weights, tiny_config
from tests.test_case import TestCase, seeded

SEP = 3  # the tiny SpecDecomposer's separator


def tiny_model(model_type="spec_decomposer_model", seed=0, **overrides):
    rng = seeded(seed)
    config = tiny_config(model_type, **overrides)
    model = create_model(model_type, config)
    randomise_weights(model, rng)
    return model, make_batch(rng, config)


def logits(model, batch, **kwargs):
    return np.asarray(model(batch, training=False, **kwargs))


class ExeDecTransformerTest(TestCase):
    def test_shapes_and_dtype(self):
        model, batch = tiny_model()
        out = model(batch)
        self.assertEqual(tuple(out.shape), (3, 9, 20))
        self.assertEqual(out.dtype, tf.float32)
        encoded = model.encode(batch["inputs"], batch["outputs"])
        self.assertEqual(tuple(encoded.shape), (3, 3, 6, 16))
        tuple_out = model((batch["inputs"], batch["outputs"], batch["targets"]))
        self.assertAllClose(tuple_out, out)

    def test_shift(self):
        self.assertAllEqual(shift_right(np.array([[5, 6, 2, 0]]), 1), [[1, 5, 6, 2]])
        model, batch = tiny_model()
        encoded = model.encode(batch["inputs"], batch["outputs"])
        valid = batch["outputs"] > 0
        shifted = shift_right(batch["targets"], 1)
        self.assertAllClose(
            model.decode(batch["targets"], encoded, valid),
            model.decode(shifted, encoded, valid, shift=False),
            atol=1e-6,
        )
        self.assertAllClose(model(batch), logits(model, batch), atol=1e-6)

    @parameterized.parameters("spec_decomposer_model", "baseline_model")
    def test_causal(self, model_type):
        model, batch = tiny_model(model_type)
        call = tf.function(lambda b: model(b, training=False))  # many calls
        base = np.asarray(call(batch))
        # Padding query positions are fully masked rows: a uniform average
        # over all keys, future ones included, which never reaches valid
        # positions or the loss (models.md §3.6). Only valid ones are causal.
        valid = np.asarray(shift_right(batch["targets"], 1)) > 0  # [B, T]
        length = batch["targets"].shape[1]
        for t in range(length - 1):
            if t == length - 2 and model_type == "spec_decomposer_model":
                continue  # the circular-roll quirk, see test_circular_roll
            changed = dict(batch, targets=batch["targets"].copy())
            changed["targets"][:, t] = 7 if model_type == "baseline_model" else SEP
            out = np.asarray(call(changed))
            # targets[t] enters the decoder at position t + 1.
            earlier = valid[:, : t + 1]
            self.assertAllClose(
                out[:, : t + 1][earlier], base[:, : t + 1][earlier], atol=1e-5
            )
            self.assertNotAllClose(out[:, t + 1 :], base[:, t + 1 :])

    def test_circular_roll(self):
        # As in the original, a separator in the last decoder-input position
        # counts as one before position 0, which moves every aligned position.
        model, batch = tiny_model()
        changed = dict(batch, targets=batch["targets"].copy())
        changed["targets"][:, -2] = SEP
        self.assertNotAllClose(logits(model, changed)[:, 0], logits(model, batch)[:, 0])

    @parameterized.parameters("spec_decomposer_model", "joint_model")
    def test_extra_input_padding_changes_nothing(self, model_type):
        model, batch = tiny_model(model_type)
        # An example without any valid input would make its outputs' cross-
        # attention rows uniform over all input positions, padding included.
        batch["inputs"][:, :, 0] = np.maximum(batch["inputs"][:, :, 0], 4)
        padded = dict(batch, inputs=np.pad(batch["inputs"], [(0, 0), (0, 0), (0, 4)]))
        # Padding decoder positions average over padding encodings, which do
        # change; valid positions must not.
        valid = np.asarray(shift_right(batch["targets"], 1)) > 0
        self.assertAllClose(
            logits(model, padded)[valid], logits(model, batch)[valid], atol=1e-5
        )

    def test_extra_target_padding_changes_nothing(self):
        model, batch = tiny_model("synthesizer_model")
        padded = dict(batch, targets=np.pad(batch["targets"], [(0, 0), (0, 3)]))
        length = batch["targets"].shape[1]
        valid = np.asarray(shift_right(batch["targets"], 1)) > 0
        self.assertAllClose(
            logits(model, padded)[:, :length][valid],
            logits(model, batch)[valid],
            atol=1e-5,
        )

    def test_padded_example_is_ignored(self):
        model, batch = tiny_model()
        self.assertFalse(batch["outputs"][1, 2].any())  # fully padded output
        changed = dict(batch, inputs=batch["inputs"].copy())
        changed["inputs"][1, 2] = np.arange(7) + 4
        valid = np.asarray(shift_right(batch["targets"], 1)) > 0
        self.assertAllClose(
            logits(model, changed)[valid], logits(model, batch)[valid], atol=1e-5
        )
        self.assertTrue(np.isfinite(logits(model, batch)).all())

    def test_encoder_examples_are_independent(self):
        model, batch = tiny_model()
        encoded = np.asarray(model.encode(batch["inputs"], batch["outputs"]))
        inputs = batch["inputs"].copy()
        inputs[:, 1] = 5
        other = np.asarray(model.encode(inputs, batch["outputs"]))
        self.assertAllClose(other[:, [0, 2]], encoded[:, [0, 2]], atol=1e-6)
        self.assertNotAllClose(other[:, 1], encoded[:, 1])

    def test_dropout_only_in_training(self):
        model, batch = tiny_model()
        self.assertAllClose(model(batch), model(batch, training=False))
        self.assertNotAllClose(model(batch, training=True), model(batch))

    def test_xla_decode_matches_eager(self):
        model, batch = tiny_model()
        encoded = model.encode(batch["inputs"], batch["outputs"])
        valid = batch["outputs"] > 0
        prog = shift_right(batch["targets"], 1)
        decode = tf.function(
            lambda p, e, v: model.decode(p, e, v, shift=False), jit_compile=True
        )
        self.assertAllClose(
            decode(prog, encoded, valid),
            model.decode(prog, encoded, valid, shift=False),
            atol=1e-5,
        )

    def test_training_step(self):
        # One optimizer step on the token cross-entropy updates every weight.
        model, batch = tiny_model("joint_model")
        loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        optimizer = keras.optimizers.Adam(1e-3)
        before = [w.numpy() for w in model.trainable_weights]
        with tf.GradientTape() as tape:
            loss = loss_fn(batch["targets"], model(batch, training=True))
        grads = tape.gradient(loss, model.trainable_weights)
        optimizer.apply(grads, model.trainable_weights)
        after = [w.numpy() for w in model.trainable_weights]
        changed = [not np.array_equal(a, b) for a, b in zip(before, after, strict=True)]
        self.assertTrue(all(changed))

    def test_config_and_saving_round_trip(self):
        model, batch = tiny_model()
        config = model.get_config()
        clone = type(model).from_config(config)
        self.assertEqual(clone.config, model.config)
        self.assertEqual(clone.get_config(), config)
        path = os.path.join(self.get_temp_dir(), "model.keras")
        model.save(path)
        loaded = keras.models.load_model(path)
        self.assertIsInstance(loaded, type(model))
        self.assertAllClose(logits(loaded, batch), logits(model, batch), atol=1e-6)

    def test_base_class_builds_at_construction(self):
        model = ExeDecTransformer(tiny_config("joint_model"))
        self.assertTrue(model.built)
        self.assertLen(model.weights, 116)


class DecodeSlotsAndStepTest(TestCase):
    """`decode_slots` and `decode_step` (the beam search's two decoders)."""

    def _slots(self, model_type, seed=1, **overrides):
        model, batch = tiny_model(model_type, seed=seed, **overrides)
        # Three input slots of one batch item: the three batch specs.
        encoded = model.encode(batch["inputs"], batch["outputs"])[None]
        mask = tf.cast(batch["outputs"] > 0, tf.float32)[None]
        return model, batch, encoded, mask

    @parameterized.parameters("spec_decomposer_model", "synthesizer_model")
    def test_decode_slots_is_the_full_pass_of_each_slot(self, model_type):
        model, batch, encoded, mask = self._slots(model_type)
        programs = shift_right(batch["targets"], 1).numpy()[None]  # [1, 3, T]
        slots = np.array([[2, 0, 2]], np.int32)
        got = model.decode_slots(programs, 4, slots, encoded, mask)
        for j, slot in enumerate(slots[0]):
            want = model.decode(
                programs[0, j : j + 1],
                encoded[0, slot : slot + 1],
                mask[0, slot : slot + 1],
                shift=False,
            )[0, 4]
            self.assertAllClose(got[0, j], want, atol=1e-5)

    def test_decode_step_writes_the_cache_of_each_layer(self):
        model, batch, encoded, mask = self._slots("synthesizer_model")
        memory = model.decoder_memory(encoded, mask)
        self.assertEqual(len(memory.caches), model.config.num_layers)
        self.assertEqual(tuple(memory.valid.shape), (1, 3, 3 * 6))
        cache = model.initial_decode_cache((1, 3), 9)
        programs = np.ones((1, 3, 9), np.int32)
        slots = np.array([[0, 1, 2]], np.int32)
        logits, cache = model.decode_step(programs, 0, slots, memory, cache)
        self.assertEqual(tuple(logits.shape), (1, 3, 25))
        self.assertAllClose(
            logits, model.decode_slots(programs[:, :, :1], 0, slots, encoded, mask)
        )
        for layer in cache:
            self.assertAllEqual(layer.filled[..., 0], np.ones((1, 3), bool))
            self.assertAllEqual(layer.filled[..., 1:], np.zeros((1, 3, 8), bool))
            self.assertNotAllClose(layer.keys[:, :, 0], 0.0)

    def test_decode_step_needs_relative_attention(self):
        model, _, encoded, mask = self._slots("synthesizer_model", relative=False)
        self.assertFalse(model.supports_cached_decoding)
        with self.assertRaisesRegex(ValueError, "use_relative_attention=True"):
            model.decode_step(
                np.ones((1, 3, 9), np.int32),
                0,
                np.zeros((1, 3), np.int32),
                None,
                None,
            )
