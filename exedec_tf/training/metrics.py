"""Teacher-forced accuracy metrics over non-padding target tokens."""

import keras
from keras import ops


def _correct(y_true, y_pred):
    targets = ops.cast(y_true, "int32")
    predicted = ops.cast(ops.argmax(y_pred, axis=-1), "int32")
    weights = ops.greater(targets, 0)
    return ops.logical_and(ops.equal(predicted, targets), weights), weights


@keras.saving.register_keras_serializable(package="exedec_tf")
class TokenAccuracy(keras.metrics.Metric):
    """Share of non-padding target tokens whose argmax prediction is right."""

    def __init__(self, name: str = "token_accuracy", **kwargs):
        super().__init__(name=name, **kwargs)
        self.correct = self.add_variable((), initializer="zeros", name="correct")
        self.total = self.add_variable((), initializer="zeros", name="total")

    def update_state(self, y_true, y_pred, sample_weight=None):
        correct, weights = _correct(y_true, y_pred)
        self.correct.assign_add(ops.sum(ops.cast(correct, "float32")))
        self.total.assign_add(ops.sum(ops.cast(weights, "float32")))

    def result(self):
        return ops.divide_no_nan(self.correct, self.total)


@keras.saving.register_keras_serializable(package="exedec_tf")
class SequenceAccuracy(keras.metrics.Metric):
    """Share of targets whose every non-padding token is predicted right."""

    def __init__(self, name: str = "sequence_accuracy", **kwargs):
        super().__init__(name=name, **kwargs)
        self.correct = self.add_variable((), initializer="zeros", name="correct")
        self.total = self.add_variable((), initializer="zeros", name="total")

    def update_state(self, y_true, y_pred, sample_weight=None):
        correct, weights = _correct(y_true, y_pred)
        wrong = ops.logical_and(weights, ops.logical_not(correct))
        right = ops.logical_not(ops.any(wrong, axis=-1))
        self.correct.assign_add(ops.sum(ops.cast(right, "float32")))
        self.total.assign_add(ops.cast(ops.shape(right)[0], "float32"))

    def result(self):
        return ops.divide_no_nan(self.correct, self.total)
