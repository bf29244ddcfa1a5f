"""Seeded, offline data sets for the chapters, and the usual preprocessing.

Classification sets return ``X`` of shape (n_samples, 2) and integer labels ``y`` of shape
(n_samples,); regression sets return ``y`` of shape (n_samples, 1). Nothing is downloaded:
the generators are ours or scikit-learn's, and the diabetes data ships with scikit-learn.
"""
import numbers

import numpy as np

from ._validation import check_positive_float, check_positive_int, make_rng


def _sklearn_seed(rng):
    """An int seed for scikit-learn's ``random_state``, drawn from our Generator."""
    return int(rng.integers(2**31 - 1))


def _check_real(value, name):
    """A finite real number (not a bool), as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise TypeError(f"{name} must be a finite real number, got {value!r}")
    return float(value)


def xor_table():
    """The XOR truth table: X of shape (4, 2) with 0/1 entries and y = x1 XOR x2."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    return X, np.array([0, 1, 1, 0])


def xor(n_samples=200, noise=0.0, seed=0):
    """Points uniform in [-1, 1]^2 labelled 1 where x1 and x2 have different signs.

    ``noise`` is the standard deviation of Gaussian jitter added after labelling.
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    noise = check_positive_float(noise, "noise", allow_zero=True)
    rng = make_rng(seed)
    X = rng.uniform(-1, 1, (n_samples, 2))
    y = (X[:, 0] * X[:, 1] < 0).astype(int)
    return X + noise * rng.standard_normal(X.shape), y


def moons(n_samples=200, noise=0.2, seed=0):
    """Two interleaving half circles (scikit-learn's ``make_moons``)."""
    from sklearn.datasets import make_moons
    check_positive_int(n_samples, "n_samples", minimum=2)
    noise = check_positive_float(noise, "noise", allow_zero=True)
    return make_moons(n_samples, noise=noise, random_state=_sklearn_seed(make_rng(seed)))


def circles(n_samples=200, noise=0.1, factor=0.5, seed=0):
    """A small circle inside a large one (scikit-learn's ``make_circles``)."""
    from sklearn.datasets import make_circles
    check_positive_int(n_samples, "n_samples", minimum=2)
    noise = check_positive_float(noise, "noise", allow_zero=True)
    return make_circles(n_samples, noise=noise, factor=factor,
                        random_state=_sklearn_seed(make_rng(seed)))


def spirals(n_samples=300, n_classes=2, noise=0.1, turns=1.5, seed=0):
    """Interleaved spiral arms, one per class: a hard problem for shallow networks."""
    n_samples = check_positive_int(n_samples, "n_samples")
    n_classes = check_positive_int(n_classes, "n_classes", minimum=2)
    noise = check_positive_float(noise, "noise", allow_zero=True)
    rng = make_rng(seed)
    y = np.arange(n_samples) % n_classes
    radius = rng.uniform(0.05, 1.0, n_samples)
    angle = 2 * np.pi * (turns * radius + y / n_classes)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return X + noise * radius[:, None] * rng.standard_normal(X.shape), y


def gaussians(n_samples=200, noise=0.5, seed=0):
    """Two Gaussian clusters centred at (-1, -1) and (1, 1), labels 0 and 1."""
    n_samples = check_positive_int(n_samples, "n_samples")
    noise = check_positive_float(noise, "noise", allow_zero=True)
    rng = make_rng(seed)
    y = np.arange(n_samples) % 2
    centres = np.where(y[:, None] == 1, 1.0, -1.0)
    return centres + noise * rng.standard_normal((n_samples, 2)), y


def sine(n_samples=100, noise=0.1, x_range=(0.0, 2 * np.pi), seed=0):
    """1-D regression: x uniform in ``x_range``, y = sin(x) + Gaussian noise of std ``noise``.

    Returns X of shape (n_samples, 1) sorted by x, and y of shape (n_samples, 1).
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    noise = check_positive_float(noise, "noise", allow_zero=True)
    rng = make_rng(seed)
    x = np.sort(rng.uniform(*x_range, n_samples))
    y = np.sin(x) + noise * rng.standard_normal(n_samples)
    return x.reshape(-1, 1), y.reshape(-1, 1)


def decay(n_samples=100, t_range=(0.0, 4.0), level=3.0, rate=1.2, noise=0.15, seed=0):
    """A positive target that decays over time, like a drug's concentration in the blood.

    ``y = level * exp(-rate * t)`` times a log-normal factor ``exp(noise * N(0, 1))``, so
    every target is positive. Returns t of shape (n_samples, 1), sorted and uniform in
    ``t_range``, and y of shape (n_samples, 1).
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    noise = check_positive_float(noise, "noise", allow_zero=True)
    level, rate = check_positive_float(level, "level"), _check_real(rate, "rate")
    rng = make_rng(seed)
    t = np.sort(rng.uniform(*t_range, n_samples)).reshape(-1, 1)
    return t, level * np.exp(-rate * t) * np.exp(noise * rng.standard_normal(t.shape))


def add_outliers(y, fraction=0.1, shift=(2.0, 4.0), seed=0):
    """Corrupt a random ``fraction`` of the targets by adding a shift drawn from ``shift``.

    A model of sensor glitches and typos: the chosen samples get a value uniform in
    ``[shift[0], shift[1]]`` added to every output (negative bounds push them down).

    Parameters
    ----------
    y : array of shape (n_samples, n_outputs)
        Clean targets; not modified.
    fraction : float
        Share of the samples to corrupt, in (0, 1); the count is rounded to the nearest
        whole number, and at least one sample is corrupted.
    shift : (float, float)
        Lower and upper bound of the added value.
    seed : int, None or numpy.random.Generator

    Returns
    -------
    y_dirty : array of shape (n_samples, n_outputs)
        A copy of ``y`` with the outliers added.
    index : array of shape (n_outliers,)
        The rows that were corrupted, in increasing order.
    """
    y = np.asarray(y, dtype=float)
    if y.ndim != 2:
        raise ValueError(f"y must have shape (n_samples, n_outputs), got shape {y.shape}")
    fraction = check_positive_float(fraction, "fraction")
    if fraction >= 1:
        raise ValueError(f"fraction must be below 1, got {fraction}")
    low, high = (_check_real(s, f"shift[{i}]") for i, s in enumerate(shift))
    if low > high:
        raise ValueError(f"shift must be (low, high) with low <= high, got {tuple(shift)}")
    rng = make_rng(seed)
    n_outliers = max(1, int(round(fraction * y.shape[0])))
    index = np.sort(rng.choice(y.shape[0], size=n_outliers, replace=False))
    y_dirty = y.copy()
    y_dirty[index] += rng.uniform(low, high, size=(n_outliers, 1))
    return y_dirty, index


def diabetes(scaled=True):
    """scikit-learn's diabetes regression data (442 patients, 10 features), offline.

    Returns X of shape (442, 10), y of shape (442, 1) and the list of feature names. With
    ``scaled=False`` the features keep their original units (age in years, BMI, ...), as
    a real table would arrive; scikit-learn's default pre-scales them.
    """
    from sklearn.datasets import load_diabetes
    data = load_diabetes(scaled=scaled)
    return data.data, data.target.reshape(-1, 1), list(data.feature_names)


def digits():
    """scikit-learn's handwritten digits (1797 images of 8 x 8 pixels, classes 0-9), offline.

    Returns X of shape (1797, 64) with pixel values scaled to [0, 1], and integer labels y
    of shape (1797,). A small stand-in for MNIST, which Glorot and Bengio (2010) used.
    """
    from sklearn.datasets import load_digits
    data = load_digits()
    return data.data / 16.0, data.target.astype(int)


def standardize(X_train, *others):
    """Scale features to zero mean and unit variance, fitted on ``X_train`` only.

    Returns the scaled ``X_train`` followed by each array of ``others`` scaled with the
    training statistics (scikit-learn's ``StandardScaler``), so no information leaks from
    validation or test data.
    """
    from sklearn.preprocessing import StandardScaler
    scaler = StandardScaler().fit(X_train)
    scaled = [scaler.transform(X_train)] + [scaler.transform(X) for X in others]
    return scaled[0] if not others else tuple(scaled)


def train_val_test_split(X, y, val_size=0.2, test_size=0.2, seed=0, stratify=False):
    """Split into train, validation and test sets; returns 6 arrays.

    ``val_size`` and ``test_size`` are fractions of the whole data set. With
    ``stratify=True`` (classification) each split keeps the class proportions.
    """
    from sklearn.model_selection import train_test_split
    for name, size in (("val_size", val_size), ("test_size", test_size)):
        check_positive_float(size, name)
    if val_size + test_size >= 1:
        raise ValueError(f"val_size + test_size must be < 1, got {val_size + test_size}")
    rng = make_rng(seed)
    X_rest, X_test, y_rest, y_test = train_test_split(
        X, y, test_size=test_size, random_state=_sklearn_seed(rng),
        stratify=y if stratify else None)
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=val_size / (1 - test_size), random_state=_sklearn_seed(rng),
        stratify=y_rest if stratify else None)
    return X_train, X_val, X_test, y_train, y_val, y_test
