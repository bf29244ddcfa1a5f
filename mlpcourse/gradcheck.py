"""Gradient checking: compare backprop's gradients with central finite differences.

Learners call this on their own code: :func:`numerical_gradient` works for any function of
one array, and :func:`gradcheck` reports the relative error per layer of any MLP and loss.
See the chapter "Backpropagation".
"""
from dataclasses import dataclass
from typing import List, Tuple

import numpy as np

DEFAULT_EPS = 1e-6


def numerical_gradient(f, x, eps=DEFAULT_EPS):
    """Central-difference gradient of a scalar function ``f`` at the array ``x``.

    Each entry is ``(f(x + eps e_i) - f(x - eps e_i)) / (2 eps)``: two evaluations of ``f``
    per entry of ``x``. ``x`` is perturbed in place and restored exactly, so ``f`` may close
    over it (as it does for a network's weights).

    Parameters
    ----------
    f : callable
        ``f() -> float`` if it closes over ``x``, else ``f(x) -> float``.
    x : ndarray
        Floating-point array (use float64 for accurate differences).
    """
    x = np.asarray(x)
    if x.dtype.kind != "f":
        raise TypeError(f"x must be a floating-point array, got dtype {x.dtype}")
    call = _caller(f, x)
    grad = np.zeros(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + eps
        plus = call()
        x[idx] = saved - eps
        minus = call()
        x[idx] = saved
        grad[idx] = (plus - minus) / (2 * eps)
    return grad


def _caller(f, x):
    import inspect
    try:
        n_params = len(inspect.signature(f).parameters)
    except (TypeError, ValueError):
        n_params = 1
    return (lambda: float(f())) if n_params == 0 else (lambda: float(f(x)))


def relative_error(analytic, numeric):
    """``||a - n|| / max(||a|| + ||n||, tiny)``: 0 for equal arrays, 1 for opposite ones."""
    a, n = np.asarray(analytic, dtype=np.float64), np.asarray(numeric, dtype=np.float64)
    denom = np.linalg.norm(a) + np.linalg.norm(n)
    return float(np.linalg.norm(a - n) / max(denom, np.finfo(np.float64).tiny))


@dataclass
class GradcheckReport:
    """Relative error of each parameter array: ``rows`` of (name, shape, relative error)."""

    rows: List[Tuple[str, tuple, float]]
    tolerance: float

    @property
    def max_error(self):
        return max(err for _, _, err in self.rows)

    @property
    def passed(self):
        return self.max_error < self.tolerance

    def __str__(self):
        lines = [f"{'parameter':<12}{'shape':<14}{'relative error':>16}"]
        lines += [f"{name:<12}{str(shape):<14}{err:>16.2e}" for name, shape, err in self.rows]
        verdict = "PASSED" if self.passed else "FAILED"
        lines.append(f"{verdict}: max relative error {self.max_error:.2e} "
                     f"(tolerance {self.tolerance:.0e})")
        return "\n".join(lines)

    __repr__ = __str__


def gradcheck(net, X, y, loss="mse", eps=DEFAULT_EPS, tolerance=1e-6, l1=0.0, l2=0.0):
    """Check ``net.gradients`` against central differences, layer by layer.

    A float32 network is checked on a float64 copy (finite differences need the precision).
    Returns a :class:`GradcheckReport`; ``report.passed`` is True when every relative error
    is below ``tolerance``.

    Central differences resolve a gradient only to about ``1e-16 |loss| / eps`` per entry
    (the rounding of the loss, divided by the step). Where the backprop and the numerical
    gradient of a parameter array are *both* smaller than that (a gradient that is zero by
    symmetry, as in a network with constant initial weights), their relative error would be
    noise over noise; it is reported as 0.
    """
    if net.dtype != np.float64:
        net = _as_float64(net)
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y) if np.asarray(y).dtype.kind in "iu" else np.asarray(y, np.float64)
    value, weight_grads, bias_grads = net.gradients(X, y, loss, l1=l1, l2=l2)
    objective = (lambda: net.gradients(X, y, loss, l1=l1, l2=l2)[0])
    resolution = 10 * np.finfo(np.float64).eps * max(1.0, abs(value)) / eps
    rows = []
    for i, (W, b) in enumerate(zip(net.weights, net.biases)):
        for name, param, analytic in ((f"W{i + 1}", W, weight_grads[i]),
                                      (f"b{i + 1}", b, bias_grads[i])):
            numeric = numerical_gradient(objective, param, eps)
            floor = resolution * np.sqrt(param.size)
            both_zero = max(np.linalg.norm(analytic), np.linalg.norm(numeric)) < floor
            rows.append((name, param.shape,
                         0.0 if both_zero else relative_error(analytic, numeric)))
    return GradcheckReport(rows, tolerance)


def _as_float64(net):
    twin = net.copy()
    twin.dtype = np.dtype(np.float64)
    twin.weights = [w.astype(np.float64) for w in net.weights]
    twin.biases = [b.astype(np.float64) for b in net.biases]
    return twin
