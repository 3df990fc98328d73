"""Mean over seeds and the 95% confidence interval of the mean (Student t)."""

import math
import statistics

# Two-sided 95% quantiles t_{0.975, df} for df = 1..30.
_T975 = (
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622,
    2.2281, 2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009,
    2.0930, 2.0860, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518,
    2.0484, 2.0452, 2.0423,
)  # fmt: skip


def t_quantile_975(df: int) -> float:
    """t_{0.975} with `df` degrees of freedom (normal 1.96 beyond 30).

    Raises:
      ValueError: df < 1.
    """
    if df < 1:
        raise ValueError(f"degrees of freedom must be >= 1, got {df}")
    return _T975[df - 1] if df <= len(_T975) else 1.959964


def mean_ci95(values) -> tuple[float, float | None]:
    """(mean, half-width of its 95% CI); the half-width is None for one value.

    Raises:
      ValueError: no values.
    """
    values = [float(v) for v in values]
    if not values:
        raise ValueError("mean_ci95 needs at least one value")
    mean = statistics.fmean(values)
    if len(values) == 1:
        return mean, None
    sem = statistics.stdev(values) / math.sqrt(len(values))
    return mean, t_quantile_975(len(values) - 1) * sem
