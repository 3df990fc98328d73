"""Settings of the DeepCoder DSL (integer range, list length, variable count).

The original read these from absl flags at call time; here every function that
depends on them takes an explicit `config` argument instead, defaulting to
`DEFAULT_CONFIG` (the values used for the released data and vocabulary).
"""

import dataclasses


@dataclasses.dataclass(frozen=True)
class DeepCoderConfig:
    """Immutable DeepCoder DSL settings.

    Attributes:
        max_int: Largest valid integer; the smallest is `-max_int`.
        max_list_length: Longest list the input sampler produces. Results of
            operations are not checked against it.
        num_variables: Number of variable names `x0` ... `x{num_variables-1}`.
    """

    max_int: int = 50
    max_list_length: int = 5
    num_variables: int = 10

    def __post_init__(self):
        _check_int_field("max_int", self.max_int, minimum=0)
        _check_int_field("max_list_length", self.max_list_length, minimum=0)
        _check_int_field("num_variables", self.num_variables, minimum=1)

    @property
    def min_int(self) -> int:
        """Smallest valid integer (the range is symmetric)."""
        return -self.max_int


def _check_int_field(name: str, value: object, minimum: int) -> None:
    # bool is a subclass of int, but `max_int=True` is surely a mistake.
    if type(value) is not int:
        raise ValueError(
            f"DeepCoderConfig.{name} must be an int, got {value!r} "
            f"of type {type(value).__name__}"
        )
    if value < minimum:
        raise ValueError(f"DeepCoderConfig.{name} must be >= {minimum}, got {value}")


DEFAULT_CONFIG = DeepCoderConfig()
