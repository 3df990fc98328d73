"""The training objective: token cross-entropy, averaged per group of tasks.

The original trained on 8 devices with 16 tasks each, took the token mean of
the loss on each device and averaged the 8 device losses. `GroupedTokenLoss`
computes that objective for any layout: the batch is cut into groups of
`group_size` tasks (in order), each group's loss is its token mean, and the
loss is the mean over groups. Under tf.distribute, Keras divides the loss by
the number of replicas before gradients are summed across them, so with one
group per replica the update is exactly the original's. This is the only place
where loss scaling happens.
"""

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="exedec_tf")
class GroupedTokenLoss(keras.losses.Loss):
    """Mean over task groups of the token-mean cross-entropy (padding id 0 excluded).

    Args:
      group_size: tasks per group (the original's per-device batch, 16). The
        per-replica batch must be a multiple of it.

    Call arguments:
      y_true: int `[B, T]` target ids (0 = padding; EOS counts).
      y_pred: float `[B, T, V]` logits.
    """

    def __init__(
        self, group_size: int = 16, name: str = "grouped_token_loss", **kwargs
    ):
        if group_size < 1:
            raise ValueError(f"group_size must be >= 1, got {group_size}")
        super().__init__(name=name, reduction="mean", **kwargs)
        self.group_size = group_size

    def call(self, y_true, y_pred):
        targets = ops.cast(y_true, "int32")
        batch = ops.shape(targets)[0]
        if isinstance(batch, int) and batch % self.group_size:
            raise ValueError(
                f"per-replica batch {batch} is not a multiple of group_size "
                f"{self.group_size}"
            )
        token_loss = keras.losses.sparse_categorical_crossentropy(
            targets, y_pred, from_logits=True
        )  # float [B, T]
        weights = ops.cast(ops.greater(targets, 0), token_loss.dtype)
        groups = (-1, self.group_size * ops.shape(targets)[1])
        loss_sum = ops.sum(ops.reshape(token_loss * weights, groups), axis=1)
        weight_sum = ops.sum(ops.reshape(weights, groups), axis=1)
        return ops.divide_no_nan(loss_sum, weight_sum)  # float [B / group_size]

    def get_config(self):
        return {"group_size": self.group_size, "name": self.name}
