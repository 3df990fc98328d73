"""Shared pieces of the service tests: scripted engines and a gated model."""

import threading

from exedec_tf.service.engine import Engine
from tests.synthesis import cases

# The four examples of cases.RF_PROBLEM in the user format.
RF_EXAMPLES = [
    {"input": i, "output": o}
    for i, o in zip(cases.RF_PROBLEM.inputs, cases.RF_PROBLEM.outputs, strict=True)
]


def rf_engine(**kwargs) -> Engine:
    """A RobustFill ExeDec engine over the scripted models of tests/synthesis."""
    spec, synth = cases.rf_models()
    return Engine(
        cases.RF, {"spec_decomposer": spec, "synthesizer": synth}, "separate", **kwargs
    )


def body(examples=None, **fields) -> dict:
    """A request body for the RobustFill engine."""
    return {"domain": "robustfill", "examples": examples or RF_EXAMPLES, **fields}


class GatedModel:
    """A BeamSearchModel that blocks in `beam_search` until `gate` is set.

    `entered` is set when a call is waiting at the gate, so a test knows the
    worker is busy with a batch.
    """

    def __init__(self, model):
        self.model = model
        self.gate = threading.Event()
        self.entered = threading.Event()
        for name in ("num_examples", "spec_length", "max_decode_length", "vocab_size"):
            setattr(self, name, getattr(model, name))

    def beam_search(self, *args):
        self.entered.set()
        if not self.gate.wait(timeout=60):
            raise TimeoutError("the test never opened the gate")
        return self.model.beam_search(*args)


def gated_rf_engine() -> tuple[Engine, GatedModel]:
    """A RobustFill engine whose SpecDecomposer waits at a gate."""
    spec, synth = cases.rf_models()
    gated = GatedModel(spec)
    engine = Engine(
        cases.RF, {"spec_decomposer": gated, "synthesizer": synth}, "separate"
    )
    return engine, gated


def tiny_keras_engine(seed: int = 1, options=None) -> Engine:
    """A RobustFill ExeDec engine over tiny random-weight Keras models
    (`options`: the engine's loop flags)."""
    import numpy as np

    from exedec_tf import decoding
    from exedec_tf.models import create_model
    from exedec_tf.models.paper_configs import paper_config
    from tests.models.tiny import randomise_weights

    tiny = dict(
        emb_dim=16,
        qkv_dim=16,
        mlp_dim=32,
        num_heads=2,
        num_layers=1,
        dropout_rate=0.0,
        attention_dropout_rate=0.0,
    )

    def searcher(model_type, offset, decode_length):
        model = create_model(model_type, paper_config("robustfill", model_type, **tiny))
        randomise_weights(model, np.random.default_rng(seed + offset))
        # Favour EOS a little so that predictions end inside the buffer.
        bias = model.decoder.logit_dense.bias
        bias.assign(bias.numpy() + 3.0 * np.eye(bias.shape[0])[2])
        settings = decoding.SearchSettings.for_model(
            model,
            num_examples=4,
            spec_length=16,
            max_decode_length=decode_length,
            jit_compile=False,
        )
        return decoding.NumpyBeamSearch.for_model(model, settings)

    models = {
        "spec_decomposer": searcher("spec_decomposer_model", 0, 10),
        "synthesizer": searcher("synthesizer_model", 1, 8),
    }
    return Engine(cases.RF, models, "separate", options)
