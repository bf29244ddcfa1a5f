"""Data sets and input features of the training playground (no widgets, no plotting).

Every data set lives in the square ``[-DOMAIN, DOMAIN]^2``. Classification sets (circle,
XOR, Gaussian clusters, spiral, moons) are built from :mod:`mlpcourse.datasets` and labelled
0/1; regression sets (plane, multi-Gaussian) have a real target in about [-1, 1]. The
features are functions of the two coordinates, the same as TensorFlow Playground's:
``x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)``.
"""
from dataclasses import dataclass

import numpy as np

from .. import datasets
from .._validation import check_positive_int, lookup, make_rng

#: Half-width of the square the data live in.
DOMAIN = 3.0


def _scaled(X, centre, scale):
    return (np.asarray(X, dtype=float) - centre) * scale


def _circle(n, noise, rng):
    X, y = datasets.circles(n, noise=0.3 * noise, factor=0.5, seed=rng)
    return _scaled(X, 0.0, 2.5), y


def _xor(n, noise, rng):
    X, y = datasets.xor(n, noise=0.3 * noise, seed=rng)
    return _scaled(X, 0.0, 2.8), y


def _gauss(n, noise, rng):
    X, y = datasets.gaussians(n, noise=0.35 + noise, seed=rng)
    return _scaled(X, 0.0, 1.5), y


def _spiral(n, noise, rng):
    X, y = datasets.spirals(n, noise=0.5 * noise, seed=rng)
    return _scaled(X, 0.0, 2.8), y


def _moons(n, noise, rng):
    X, y = datasets.moons(n, noise=0.4 * noise, seed=rng)
    return _scaled(X, np.array([0.5, 0.25]), 1.6), y


def _uniform(n, rng):
    return rng.uniform(-DOMAIN, DOMAIN, (n, 2))


def _plane(n, noise, rng):
    X = _uniform(n, rng)
    y = X.sum(axis=1) / (2 * DOMAIN) + 0.5 * noise * rng.standard_normal(n)
    return X, y.reshape(-1, 1)


#: Centres (x1, x2) and heights of the bumps of the multi-Gaussian regression set.
BUMPS = ((-1.5, -1.5, 1.0), (1.5, 1.5, 1.0), (-1.5, 1.5, -1.0), (1.5, -1.5, -1.0))


def _multigauss(n, noise, rng):
    X = _uniform(n, rng)
    y = sum(h * np.exp(-((X[:, 0] - a) ** 2 + (X[:, 1] - b) ** 2) / 1.6) for a, b, h in BUMPS)
    return X, (y + 0.5 * noise * rng.standard_normal(n)).reshape(-1, 1)


#: name -> (problem kind, generator(n_samples, noise, rng) -> (X, y))
DATASETS = {
    "circle": ("classification", _circle),
    "xor": ("classification", _xor),
    "gauss": ("classification", _gauss),
    "spiral": ("classification", _spiral),
    "moons": ("classification", _moons),
    "plane": ("regression", _plane),
    "multigauss": ("regression", _multigauss),
}

#: name -> (label shown in the widget and figures, function of X (n, 2) -> column (n,))
FEATURES = {
    "x1": ("x₁", lambda X: X[:, 0]),
    "x2": ("x₂", lambda X: X[:, 1]),
    "x1^2": ("x₁²", lambda X: X[:, 0] ** 2),
    "x2^2": ("x₂²", lambda X: X[:, 1] ** 2),
    "x1*x2": ("x₁x₂", lambda X: X[:, 0] * X[:, 1]),
    "sin(x1)": ("sin x₁", lambda X: np.sin(X[:, 0])),
    "sin(x2)": ("sin x₂", lambda X: np.sin(X[:, 1])),
}


@dataclass
class Data:
    """A train/test split of one playground data set (X in the square, y as the net wants)."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    kind: str

    @property
    def classification(self):
        return self.kind == "classification"


def dataset_kind(name):
    """``"classification"`` or ``"regression"`` for a data set name."""
    return lookup(name, DATASETS, "data set")[0]


def make_data(dataset="circle", noise=0.0, train_ratio=0.5, n_samples=400, seed=0):
    """Generate a playground data set and split it into training and test points.

    Parameters
    ----------
    dataset : str
        A name in :data:`DATASETS`.
    noise : float
        Noise level from 0 (clean) to 0.5 (classes overlap, targets jitter).
    train_ratio : float
        Fraction of the points used for training, strictly between 0 and 1.
    n_samples : int
        Number of points in all.
    seed : int or numpy.random.Generator

    Returns
    -------
    Data
        ``X_train`` of shape (n_train, 2), ``y_train`` of shape (n_train,) for
        classification (labels 0/1) or (n_train, 1) for regression; the same for the test
        points.
    """
    kind, generate = lookup(dataset, DATASETS, "data set")
    n_samples = check_positive_int(n_samples, "n_samples", minimum=4)
    if not 0 <= noise <= 1:
        raise ValueError(f"noise must be between 0 and 1, got {noise}")
    if not 0 < train_ratio < 1:
        raise ValueError(f"train_ratio must be strictly between 0 and 1, got {train_ratio}")
    rng = make_rng(seed)
    X, y = generate(n_samples, float(noise), rng)
    order = rng.permutation(n_samples)
    n_train = min(max(int(round(train_ratio * n_samples)), 1), n_samples - 1)
    train, test = order[:n_train], order[n_train:]
    return Data(X[train], y[train], X[test], y[test], kind)


def feature_map(X, features):
    """The chosen feature columns of 2-D points X: shape (n_samples, len(features)).

    >>> feature_map(np.array([[2.0, 3.0]]), ["x1", "x1*x2"])
    array([[2., 6.]])
    """
    if not features:
        raise ValueError("choose at least one input feature; valid names are: "
                         + ", ".join(FEATURES))
    X = np.asarray(X, dtype=float)
    return np.column_stack([lookup(f, FEATURES, "feature")[1](X) for f in features])


def grid(resolution):
    """A regular grid over the square: ``(coordinates (resolution,), points (resolution**2, 2))``.

    Rows of ``points`` run over x1 fastest, so ``values.reshape(resolution, resolution)`` is
    an image whose row index is x2 (from -DOMAIN at the bottom with ``origin="lower"``).
    """
    xs = np.linspace(-DOMAIN, DOMAIN, resolution)
    xx, yy = np.meshgrid(xs, xs)
    return xs, np.column_stack([xx.ravel(), yy.ravel()])
