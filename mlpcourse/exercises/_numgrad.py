"""Central differences for checking gradients: ``mlpcourse.gradcheck`` when it is there.

Private: exercise modules call ``mlpcourse.gradcheck.numerical_gradient`` themselves. This
fallback only keeps the framework usable while the package is being assembled.
"""
import numpy as np


def numerical_gradient(f, x, eps=1e-6):
    """Gradient of the scalar function ``f`` at array ``x`` by central differences."""
    try:
        from mlpcourse.gradcheck import numerical_gradient as library_version
    except ImportError:
        library_version = None
    if library_version is not None:
        return library_version(f, x)
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + eps
        up = f(x.copy())
        x[index] = old - eps
        down = f(x.copy())
        x[index] = old
        grad[index] = (up - down) / (2 * eps)
    return grad
