"""exedec_deepcoder: ExeDec DeepCoder tasks for the generalization splits."""

from exedec_tf.data import tfds_base


class Builder(tfds_base.ExeDecBuilderBase):
    """ExeDec DeepCoder data: generated train/valid/test splits and the released sets.

    One config per experiment (`none`, `length_generalization`,
    `compose_different_concepts`, `switch_concept_order`, `compose_new_op`,
    `add_op_functionality`) at paper scale; pass a JSON config for other
    sizes, e.g.
    `--config='{"name": "compose_new_op_tiny", "experiment": "COMPOSE_NEW_OP",
    "scale": "tiny"}'`.
    """

    DOMAIN = "deepcoder"
    BUILDER_CONFIGS = tfds_base.experiment_configs(
        "ExeDec DeepCoder list-manipulation programs (DeepCoder DSL)."
    )
