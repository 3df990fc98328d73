import pytest

from exedec_tf.presets.stats import mean_ci95, t_quantile_975


def test_t_quantiles():
    assert t_quantile_975(1) == pytest.approx(12.7062)
    assert t_quantile_975(4) == pytest.approx(2.7764)
    assert t_quantile_975(1000) == pytest.approx(1.96, abs=1e-3)
    with pytest.raises(ValueError, match="got 0"):
        t_quantile_975(0)


def test_mean_ci95_of_five_seeds():
    mean, ci = mean_ci95([90, 92, 94, 96, 98])
    # stdev = sqrt(10), sem = sqrt(2), t_4 = 2.7764.
    assert mean == pytest.approx(94.0)
    assert ci == pytest.approx(2.7764 * 2**0.5, rel=1e-4)


def test_one_value_has_no_interval_and_none_is_refused():
    assert mean_ci95([50.0]) == (50.0, None)
    with pytest.raises(ValueError, match="at least one"):
        mean_ci95([])
