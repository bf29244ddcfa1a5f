"""Shapes of gradients in the autodiff engine: a gradient has the shape of what it
differentiates, so an operation whose output was broadcast, reduced or matrix-multiplied
sends each input a gradient brought back to that input's shape."""
import numbers

import numpy as np


def unbroadcast(grad, shape):
    """Sum ``grad`` over the axes that broadcasting added or stretched, back to ``shape``."""
    grad = np.asarray(grad, dtype=np.float64)
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return float(grad) if shape == () else grad


def normalize_axes(axis, ndim):
    """``axis`` (None, an int or a tuple, negative allowed) as a sorted tuple, or None."""
    if axis is None:
        return None
    axes = (axis,) if isinstance(axis, numbers.Integral) else tuple(axis)
    return tuple(sorted(int(a) % ndim for a in axes))


def matmul_grads(a, b, grad):
    """d(a @ b)/da and d(a @ b)/db for every pair of shapes ``np.matmul`` accepts.

    As numpy does, a 1-D ``a`` is a row (1, n) and a 1-D ``b`` a column (n, 1); the
    leading (batch) axes broadcast. For 2-D operands: dA = dZ @ W.T, dW = A.T @ dZ.
    """
    a2 = a[np.newaxis, :] if a.ndim == 1 else a
    b2 = b[:, np.newaxis] if b.ndim == 1 else b
    g2 = np.asarray(grad, dtype=np.float64)
    if b.ndim == 1:
        g2 = g2[..., np.newaxis]
    if a.ndim == 1:
        g2 = g2[..., np.newaxis, :]
    da = np.matmul(g2, np.swapaxes(b2, -1, -2))
    db = np.matmul(np.swapaxes(a2, -1, -2), g2)
    return (unbroadcast(da, a2.shape).reshape(a.shape),
            unbroadcast(db, b2.shape).reshape(b.shape))
