"""Goodness of fit on numpy alone: the Kolmogorov-Smirnov distance and its DKW bound.

``ks_distance(sample, cdf)`` is the largest gap between the sample's empirical cumulative
distribution function and ``cdf``. For n independent draws from ``cdf`` itself, the
Dvoretzky-Kiefer-Wolfowitz inequality with Massart's constant bounds its tail for every n:
P(D > eps) <= 2 exp(-2 n eps**2). ``ks_threshold(n, alpha)`` inverts it, so a sample of the
right distribution passes ``D <= ks_threshold(n, alpha)`` with probability at least
1 - alpha, exactly, with no large-sample approximation. scipy is not needed.

The standardized families (mean 0, variance 1) the initializer questions test against are in
``FAMILIES``; a normal truncated at two of its standard deviations, rescaled to variance 1,
is what Keras' and TensorFlow's ``he_normal`` draw.
"""
import math

import numpy as np

SQRT3 = math.sqrt(3.0)
#: Phi on a grid of step 1/1000 over [-9, 9], from math.erf; linear interpolation between
#: grid points is within 3.1e-8 of Phi (h**2 / 8 * max |Phi''|), far below the KS thresholds.
_GRID = np.linspace(-9.0, 9.0, 18001)
_PHI = np.array([0.5 * math.erfc(-v / math.sqrt(2.0)) for v in _GRID])
CDF_ERROR = 5e-8


def normal_cdf(x):
    """Phi(x), the standard normal CDF, elementwise (within ``CDF_ERROR``)."""
    return np.interp(np.asarray(x, dtype=float), _GRID, _PHI, left=0.0, right=1.0)


def truncation_variance(k):
    """Variance of a standard normal truncated to [-k, k] (0.7737 for k = 2)."""
    phi = math.exp(-k * k / 2) / math.sqrt(2 * math.pi)
    return 1.0 - 2 * k * phi / math.erf(k / math.sqrt(2.0))


def truncated_normal_cdf(x, k=2.0):
    """CDF of a normal truncated at +-k of its standard deviations, scaled to variance 1."""
    s = 1.0 / math.sqrt(truncation_variance(k))  # the underlying normal's standard deviation
    lo, mass = 0.5 * (1.0 - math.erf(k / math.sqrt(2.0))), math.erf(k / math.sqrt(2.0))
    return np.clip((normal_cdf(np.asarray(x, dtype=float) / s) - lo) / mass, 0.0, 1.0)


def uniform_cdf(x):
    """CDF of the uniform distribution on [-sqrt(3), sqrt(3)] (variance 1)."""
    return np.clip((np.asarray(x, dtype=float) + SQRT3) / (2 * SQRT3), 0.0, 1.0)


#: family name -> [(description, standardized CDF)], the distributions a draw may follow
FAMILIES = {
    "normal": [("a normal distribution", normal_cdf),
               ("a normal truncated at two standard deviations", truncated_normal_cdf)],
    "uniform": [("a uniform distribution", uniform_cdf)],
}


def ks_distance(sample, cdf):
    """sup_x |F_n(x) - F(x)| for the sample's empirical CDF F_n."""
    x = np.sort(np.ravel(sample))
    n = x.size
    f = cdf(x)
    above = np.arange(1, n + 1) / n - f
    below = f - np.arange(0, n) / n
    return float(max(above.max(), below.max()))


def ks_threshold(n, alpha):
    """The distance a sample of ``n`` right draws exceeds with probability at most ``alpha``
    (plus the interpolation error of the normal CDF)."""
    return math.sqrt(math.log(2.0 / alpha) / (2.0 * n)) + CDF_ERROR


def tail_fraction(z, k=3.0):
    """Fraction of standardized values beyond +-k (a normal: 0.27% beyond 3)."""
    return float(np.mean(np.abs(z) > k))


def excess_kurtosis(z):
    z = np.ravel(z)
    centred = z - z.mean()
    return float(np.mean(centred ** 4) / np.mean(centred ** 2) ** 2 - 3.0)
