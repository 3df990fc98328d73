"""The six compositional-generalization experiments (dataset splits) of ExeDec."""

import enum


class Experiment(enum.Enum):
    """A compositional-generalization split; values match the original enum."""

    NONE = 0
    LENGTH_GENERALIZATION = 1
    COMPOSE_DIFFERENT_CONCEPTS = 2
    SWITCH_CONCEPT_ORDER = 3
    COMPOSE_NEW_OP = 4
    ADD_OP_FUNCTIONALITY = 5


ALL_EXPERIMENTS = tuple(Experiment)


def parse_experiment(name) -> Experiment:
    """Returns the Experiment named `name` (case-insensitive) or passed through.

    Raises:
      ValueError: `name` is not one of the six experiment names.
    """
    if isinstance(name, Experiment):
        return name
    key = str(name).strip().upper()
    try:
        return Experiment[key]
    except KeyError:
        known = ", ".join(e.name for e in Experiment)
        raise ValueError(
            f"unknown experiment {name!r}; expected one of: {known}"
        ) from None
