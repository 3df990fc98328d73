import pytest

from exedec_tf import stages
from tests.stages.tiny_dataset import build_tiny_dataset, tiny_config


@pytest.fixture(scope="module")
def dataset_dir(tmp_path_factory):
    return build_tiny_dataset(tmp_path_factory.mktemp("tfds"))


def _config(num_steps):
    return tiny_config().override(
        {"train.num_steps": num_steps, "train.steps_per_loop": 2}
    )


def test_trains_and_resumes(dataset_dir, tmp_path):
    model, history = stages.train(
        _config(2), dataset_dir, tmp_path, jit_compile=False, verbose=0
    )
    assert int(model.optimizer.iterations.numpy()) == 2
    assert history.epoch == [0]
    assert (tmp_path / "checkpoints").is_dir()
    # A longer run continues from the checkpoint: only the new loop runs.
    model, history = stages.train(
        _config(4), dataset_dir, tmp_path, jit_compile=False, verbose=0
    )
    assert int(model.optimizer.iterations.numpy()) == 4
    assert history.epoch == [1]
    # A finished run returns at once.
    model, history = stages.train(
        _config(4), dataset_dir, tmp_path, jit_compile=False, verbose=0
    )
    assert int(model.optimizer.iterations.numpy()) == 4
    assert history.epoch == []


def test_a_dataset_of_another_domain_is_refused(dataset_dir, tmp_path):
    from exedec_tf.configs import get_config

    config = get_config("deepcoder_synthesizer_tiny")
    with pytest.raises(ValueError, match="does not match config"):
        stages.train(config, dataset_dir, tmp_path, verbose=0)


def test_user_callbacks_run(dataset_dir, tmp_path):
    import keras

    seen = []

    class Record(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            seen.append((epoch, sorted(logs)))

    stages.train(
        _config(2),
        dataset_dir,
        tmp_path,
        jit_compile=False,
        verbose=0,
        callbacks=[Record()],
    )
    assert [epoch for epoch, _ in seen] == [0]
    assert "loss" in seen[0][1]
