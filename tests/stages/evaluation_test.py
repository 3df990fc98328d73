from exedec_tf.evaluation import api
from exedec_tf.experiment_config import InferenceConfig
from exedec_tf.stages import evaluate
from exedec_tf.stages.evaluation import loop_options
from exedec_tf.synthesis.loading import ModelPaths
from exedec_tf.synthesis.options import LoopOptions


def test_loop_options_come_from_the_inference_config():
    inference = InferenceConfig(
        beam_size=3, detect_invalid=False, discard_repeat_functionality=False
    )
    assert loop_options(inference) == LoopOptions(
        beam_size=3, detect_invalid=False, discard_repeat_functionality=False
    )
    assert loop_options(InferenceConfig()) == LoopOptions()


def test_evaluate_passes_the_config_and_the_problem_source(monkeypatch, tmp_path):
    calls = []

    def fake_evaluate_from_paths(out_dir, model_paths, **kwargs):
        calls.append((out_dir, model_paths, kwargs))
        return {"totals": {}}

    monkeypatch.setattr(api, "evaluate_from_paths", fake_evaluate_from_paths)
    paths = ModelPaths(joint="J")
    inference = InferenceConfig(beam_size=4, batch_size=3)
    result = evaluate(
        inference,
        paths,
        tmp_path,
        released_file="NONE.jsonl",
        domain="robustfill",
        num_problems=5,
        progress=False,
    )
    assert result == {"totals": {}}
    [(out_dir, model_paths, kwargs)] = calls
    assert (out_dir, model_paths) == (tmp_path, paths)
    assert kwargs["options"] == LoopOptions(beam_size=4)
    assert kwargs["batch_size"] == 3
    assert kwargs["released_file"] == "NONE.jsonl"
    assert kwargs["domain"] == "robustfill"
    assert kwargs["num_problems"] == 5 and kwargs["progress"] is False
    assert (kwargs["shard_index"], kwargs["shard_count"]) == (0, 1)
