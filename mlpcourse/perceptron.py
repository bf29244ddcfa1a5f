"""The threshold logic unit (TLU) and Rosenblatt's perceptron learning rule.

A TLU computes a weighted sum of its inputs plus a bias, then a step:
``h = step(X @ W + b)``. A **perceptron** is one layer of TLUs, each connected to every
input, trained one sample at a time with the rule

    W <- W + learning_rate * outer(x, y - y_hat)
    b <- b + learning_rate * (y - y_hat)

which changes the weights only when a sample is misclassified. Shapes follow the rest of
the package: ``X`` is (n_samples, n_features), ``W`` is (n_features, n_outputs), ``b`` is
(n_outputs,) and targets are 0/1 of shape (n_samples, n_outputs); a 1-D target of shape
(n_samples,) is read as one output. See the chapter "The structure of a multilayer
perceptron".

The math lives in pure functions (:func:`tlu`, :func:`perceptron_update`,
:func:`perceptron_epoch`, :func:`train_perceptron`) that return new arrays; the class
:class:`Perceptron` only holds the result of training.
"""
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np

from . import _validation as v
from .activations import step

__all__ = ["tlu", "perceptron_update", "perceptron_epoch", "perceptron_visits",
           "train_perceptron", "PerceptronResult", "Perceptron"]


# ------------------------------------------------------------------------- input checks
def _check_X(X, name="X"):
    X = np.asarray(X)
    if X.dtype.kind in "biu":
        X = X.astype(np.float64)
    if X.dtype.kind != "f":
        raise TypeError(f"{name} must hold numbers, got an array of dtype {X.dtype}")
    if X.ndim != 2:
        raise ValueError(f"{name} must be 2-D of shape (n_samples, n_features), got shape "
                         f"{X.shape}")
    if X.shape[0] == 0:
        raise ValueError(f"{name} has no samples (shape {X.shape})")
    v.check_finite(X, name)
    return X.astype(np.float64, copy=False)


def _check_targets(y, n_samples):
    """0/1 targets as a float array of shape (n_samples, n_outputs)."""
    y = np.asarray(y)
    if y.ndim == 1:
        y = y.reshape(-1, 1)
    if y.ndim != 2:
        raise ValueError(f"y must have shape (n_samples,) or (n_samples, n_outputs), got "
                         f"shape {y.shape}")
    if y.shape[0] != n_samples:
        raise ValueError(f"y has {y.shape[0]} rows but X has {n_samples} samples")
    if y.dtype.kind not in "biuf" or not np.all((y == 0) | (y == 1)):
        raise ValueError("a perceptron learns 0/1 targets: y must hold only 0 and 1, got "
                         f"values {np.unique(y)[:5]}")
    return y.astype(np.float64)


def _check_params(W, b, n_features):
    W = np.asarray(W, dtype=np.float64)
    if W.ndim == 1:
        W = W.reshape(-1, 1)
    b = np.atleast_1d(np.asarray(b, dtype=np.float64))
    if W.ndim != 2 or W.shape[0] != n_features:
        raise ValueError(f"W must have shape ({n_features}, n_outputs) for inputs with "
                         f"{n_features} features, got shape {W.shape}")
    if b.shape != (W.shape[1],):
        raise ValueError(f"b must have shape ({W.shape[1]},) to match W of shape {W.shape}, "
                         f"got shape {b.shape}")
    return W, b


# ------------------------------------------------------------------------- pure functions
def tlu(X, W, b):
    """Outputs of a layer of threshold logic units: ``step(X @ W + b)``.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    W : array of shape (n_features, n_outputs), or (n_features,) for one unit
    b : array of shape (n_outputs,), or a number for one unit

    Returns
    -------
    ndarray of shape (n_samples, n_outputs)
        1.0 where the weighted sum plus bias is >= 0, else 0.0.
    """
    X = _check_X(X)
    W, b = _check_params(W, b, X.shape[1])
    return step(X @ W + b)


def perceptron_update(W, b, x, y, learning_rate=1.0):
    """One step of the perceptron rule on one sample; returns new ``(W, b)``.

    With ``y_hat = step(x @ W + b)``, the new parameters are
    ``W + learning_rate * outer(x, y - y_hat)`` and
    ``b + learning_rate * (y - y_hat)``: a correct sample changes nothing.

    Parameters
    ----------
    W : array of shape (n_features, n_outputs)
    b : array of shape (n_outputs,)
    x : array of shape (n_features,)
        One sample.
    y : array of shape (n_outputs,), or a number for one output
        Its 0/1 target(s).
    learning_rate : float
        Step size eta > 0.
    """
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    W, b = _check_params(W, b, x.shape[0])
    learning_rate = v.check_positive_float(learning_rate, "learning_rate")
    error = np.atleast_1d(np.asarray(y, dtype=np.float64)) - step(x @ W + b)
    return W + learning_rate * np.outer(x, error), b + learning_rate * error


def perceptron_epoch(W, b, X, y, learning_rate=1.0, order=None):
    """One pass of the perceptron rule over the samples, in ``order``.

    Parameters
    ----------
    W : array of shape (n_features, n_outputs)
    b : array of shape (n_outputs,)
    X : array of shape (n_samples, n_features)
    y : array of shape (n_samples,) or (n_samples, n_outputs)
        0/1 targets.
    learning_rate : float
    order : sequence of int, optional
        The order in which samples are visited (default: 0, 1, ..., n_samples - 1).

    Returns
    -------
    W, b : new arrays
    n_errors : int
        Number of samples that were misclassified when visited (so updated).
    """
    X = _check_X(X)
    Y = _check_targets(y, X.shape[0])
    W, b = _check_params(W, b, X.shape[1])
    order = range(X.shape[0]) if order is None else order
    n_errors = 0
    for i in order:
        n_errors += int(np.any(step(X[i] @ W + b) != Y[i]))
        W, b = perceptron_update(W, b, X[i], Y[i], learning_rate)
    return W, b, n_errors


def perceptron_visits(X, y, n_visits, learning_rate=1.0):
    """The parameters after each visit of the rule, the samples visited in order, cyclically.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    y : array of shape (n_samples,) or (n_samples, n_outputs)
        0/1 targets.
    n_visits : int
        Number of single-sample updates; visit ``k`` (from 1) uses sample
        ``(k - 1) % n_samples``.
    learning_rate : float

    Returns
    -------
    list of (W, b)
        ``n_visits + 1`` states, starting from zeros: ``states[k]`` holds the parameters
        after ``k`` visits (``states[0]`` before any).
    """
    X = _check_X(X)
    Y = _check_targets(y, X.shape[0])
    n_visits = v.check_positive_int(n_visits, "n_visits", minimum=0)
    W, b = np.zeros((X.shape[1], Y.shape[1])), np.zeros(Y.shape[1])
    states = [(W, b)]
    for k in range(n_visits):
        i = k % X.shape[0]
        W, b = perceptron_update(W, b, X[i], Y[i], learning_rate)
        states.append((W, b))
    return states


@dataclass
class PerceptronResult:
    """What :func:`train_perceptron` returns.

    ``weights`` (n_features, n_outputs) and ``bias`` (n_outputs,) are the final parameters;
    ``errors[k]`` is the number of updates made in epoch k + 1; ``converged`` is the first
    epoch with no update (the training data are then all classified correctly), or None;
    ``path`` holds ``(W, b)`` at the start and after every epoch, for plotting.
    """

    weights: np.ndarray
    bias: np.ndarray
    errors: List[int] = field(default_factory=list)
    converged: Optional[int] = None
    path: list = field(default_factory=list)


def train_perceptron(X, y, epochs=100, learning_rate=1.0, W0=None, b0=None, shuffle=False,
                     seed=0):
    """Train a perceptron with Rosenblatt's rule until an epoch makes no update.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    y : array of shape (n_samples,) or (n_samples, n_outputs)
        0/1 targets.
    epochs : int
        Maximum number of passes over the data.
    learning_rate : float
        Step size eta > 0.
    W0, b0 : arrays of shape (n_features, n_outputs) and (n_outputs,), optional
        Starting parameters (default: zeros, as Rosenblatt and scikit-learn start).
    shuffle : bool
        Visit the samples in a new random order each epoch (seeded) instead of in order.
    seed : int, None or numpy.random.Generator
        Source of the shuffling order.

    Returns
    -------
    PerceptronResult
        If the data are linearly separable the rule stops after finitely many updates
        (the perceptron convergence theorem); otherwise ``converged`` stays None.
    """
    X = _check_X(X)
    Y = _check_targets(y, X.shape[0])
    epochs = v.check_positive_int(epochs, "epochs")
    n_features, n_outputs = X.shape[1], Y.shape[1]
    W = np.zeros((n_features, n_outputs)) if W0 is None else W0
    b = np.zeros(n_outputs) if b0 is None else b0
    W, b = _check_params(W, b, n_features)
    rng = v.make_rng(seed)
    result = PerceptronResult(W, b, path=[(W, b)])
    for epoch in range(1, epochs + 1):
        order = rng.permutation(X.shape[0]) if shuffle else None
        W, b, n_errors = perceptron_epoch(W, b, X, Y, learning_rate, order)
        result.errors.append(n_errors)
        result.path.append((W, b))
        if n_errors == 0:
            result.converged = epoch
            break
    result.weights, result.bias = W, b
    return result


# ------------------------------------------------------------------------- thin class
class Perceptron:
    """A layer of threshold logic units trained with the perceptron rule.

    Parameters
    ----------
    epochs : int
        Maximum number of passes over the training data.
    learning_rate : float
        Step size eta > 0.
    shuffle : bool
        Visit the samples in a new seeded random order each epoch.
    seed : int, None or numpy.random.Generator

    Attributes
    ----------
    weights_ : ndarray of shape (n_features, n_outputs)
        Set by :meth:`fit`, like the other attributes ending in ``_``.
    bias_ : ndarray of shape (n_outputs,)
    errors_ : list of int
        Updates made in each epoch.
    converged_ : int or None
        First epoch without an update, or None if training never got every sample right.

    Examples
    --------
    >>> X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    >>> clf = Perceptron().fit(X, [0, 0, 0, 1])      # AND
    >>> clf.predict(X).ravel().tolist()
    [0.0, 0.0, 0.0, 1.0]
    """

    def __init__(self, epochs=100, learning_rate=1.0, shuffle=False, seed=0):
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.shuffle = shuffle
        self.seed = seed

    def fit(self, X, y, W0=None, b0=None):
        """Train on (X, y) from zeros (or ``W0``, ``b0``); returns ``self``."""
        result = train_perceptron(X, y, self.epochs, self.learning_rate, W0, b0,
                                  self.shuffle, self.seed)
        self.weights_, self.bias_ = result.weights, result.bias
        self.errors_, self.converged_ = result.errors, result.converged
        self.path_ = result.path
        return self

    def _fitted(self):
        if not hasattr(self, "weights_"):
            raise RuntimeError("this Perceptron is not trained yet: call fit(X, y) first")

    def decision_function(self, X):
        """The weighted sums ``X @ W + b``, shape (n_samples, n_outputs)."""
        self._fitted()
        return _check_X(X) @ self.weights_ + self.bias_

    def predict(self, X):
        """0/1 outputs ``step(X @ W + b)``, shape (n_samples, n_outputs)."""
        self._fitted()
        return tlu(X, self.weights_, self.bias_)

    def __repr__(self):
        return (f"Perceptron(epochs={self.epochs}, learning_rate={self.learning_rate}, "
                f"shuffle={self.shuffle}, seed={self.seed})")
