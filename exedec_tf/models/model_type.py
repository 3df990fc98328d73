"""The four ExeDec model types, under one spelling.

The original's flags spell a model type `synthesizer_model`; paths, file
names and config names use the short form `synthesizer`. `ModelType` is a
`str` enum whose value is the original spelling, so members compare equal to
(and serialise as) those strings, and `parse` accepts either form.
"""

import enum

from exedec_tf.errors import ConfigError


class ModelType(str, enum.Enum):
    """One of the four model types.

    Example:
      >>> ModelType.parse("synthesizer") is ModelType.SYNTHESIZER
      True
      >>> ModelType.SYNTHESIZER.short
      'synthesizer'
    """

    # Predicts the next subgoal (the outputs of the next program part).
    SPEC_DECOMPOSER = "spec_decomposer_model"
    # Predicts the program part that maps the inputs to a subgoal.
    SYNTHESIZER = "synthesizer_model"
    # The no-subgoal ablation: predicts the next program part from the spec.
    JOINT = "joint_model"
    # The Transformer baseline: predicts the whole program at once.
    BASELINE = "baseline_model"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @property
    def short(self) -> str:
        """The name without the `_model` suffix, e.g. "spec_decomposer"."""
        return self.value[: -len("_model")]

    @classmethod
    def parse(cls, value: "ModelType | str") -> "ModelType":
        """The member named by `value`: a member, its value or its short name.

        Raises:
          ConfigError: `value` names no model type (the message lists them).
        """
        if isinstance(value, cls):
            return value
        for member in cls:
            if value in (member.value, member.short):
                return member
        choices = ", ".join(f"{m.short!r}" for m in cls)
        raise ConfigError(
            f"unknown model type {value!r}; expected one of {choices} "
            "(optionally with the suffix '_model')"
        )
