"""The Keras callback that writes a training checkpoint after every loop."""

import keras

from exedec_tf.training.checkpoints import TrainingCheckpoint


class SaveTrainingCheckpoint(keras.callbacks.Callback):
    """Saves a `TrainingCheckpoint` at the end of every `fit` epoch (one loop).

    `keras.callbacks.BackupAndRestore` does not fit here, for three reasons:
    it writes `model.save_weights` files keyed by Keras' layer structure, not
    the named format that export reads; its metadata holds only the epoch,
    and it restores in `on_train_begin`, after the training stream has been
    built, so the stream cannot be positioned at the saved batch; and it
    deletes its backup when `fit` completes, leaving a finished run with no
    checkpoint to export or extend.

    Args:
      state: the run's `TrainingCheckpoint`.
    """

    def __init__(self, state: TrainingCheckpoint):
        super().__init__()
        self.state = state

    def on_epoch_end(self, epoch, logs=None):
        # One update consumes one training batch (no accumulation, one step
        # per execution), so the stream position is the update count.
        self.state.data_position.assign(int(self.state.optimizer.iterations.numpy()))
        self.state.save()
