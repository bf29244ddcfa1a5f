"""Weight initializers: ``init(fan_in, fan_out, rng, dtype) -> array of shape (fan_in, fan_out)``.

The scaled schemes keep the variance of the signal roughly constant from layer to layer:
Glorot (Xavier) averages fan-in and fan-out, He uses fan-in with a factor 2 for ReLU, LeCun
uses fan-in. See the chapter "Initializing the weights". Every initializer draws from the
``numpy.random.Generator`` it is given; none touches global random state.
"""
import numpy as np

DEFAULT_CONSTANT = 0.1
DEFAULT_SCALE = 0.05  # std of "normal" and half-width of "uniform", as Keras' defaults


def _normal(std, shape, rng, dtype):
    return (rng.standard_normal(shape) * std).astype(dtype, copy=False)


def _uniform(limit, shape, rng, dtype):
    return rng.uniform(-limit, limit, shape).astype(dtype, copy=False)


def zeros(fan_in, fan_out, rng=None, dtype="float64"):
    """All weights 0 (breaks nothing for biases; for weights it keeps every unit identical)."""
    return np.zeros((fan_in, fan_out), dtype=dtype)


def constant(value=DEFAULT_CONSTANT):
    """Return an initializer that sets every weight to ``value``."""
    def init(fan_in, fan_out, rng=None, dtype="float64"):
        return np.full((fan_in, fan_out), value, dtype=dtype)
    init.__name__ = f"constant({value})"
    return init


def normal(fan_in, fan_out, rng, dtype="float64", std=DEFAULT_SCALE):
    """N(0, std^2) whatever the layer size."""
    return _normal(std, (fan_in, fan_out), rng, dtype)


def uniform(fan_in, fan_out, rng, dtype="float64", limit=DEFAULT_SCALE):
    """U(-limit, limit) whatever the layer size."""
    return _uniform(limit, (fan_in, fan_out), rng, dtype)


def glorot_uniform(fan_in, fan_out, rng, dtype="float64"):
    """U(-r, r) with r = sqrt(6 / (fan_in + fan_out)): variance 2 / (fan_in + fan_out)."""
    return _uniform(np.sqrt(6 / (fan_in + fan_out)), (fan_in, fan_out), rng, dtype)


def glorot_normal(fan_in, fan_out, rng, dtype="float64"):
    """N(0, 2 / (fan_in + fan_out))."""
    return _normal(np.sqrt(2 / (fan_in + fan_out)), (fan_in, fan_out), rng, dtype)


def he_normal(fan_in, fan_out, rng, dtype="float64"):
    """N(0, 2 / fan_in): keeps the variance of ReLU activations constant."""
    return _normal(np.sqrt(2 / fan_in), (fan_in, fan_out), rng, dtype)


def he_uniform(fan_in, fan_out, rng, dtype="float64"):
    """U(-r, r) with r = sqrt(6 / fan_in): variance 2 / fan_in."""
    return _uniform(np.sqrt(6 / fan_in), (fan_in, fan_out), rng, dtype)


def lecun_normal(fan_in, fan_out, rng, dtype="float64"):
    """N(0, 1 / fan_in)."""
    return _normal(np.sqrt(1 / fan_in), (fan_in, fan_out), rng, dtype)


def lecun_uniform_old(fan_in, fan_out, rng, dtype="float64"):
    """U(-1/sqrt(fan_in), 1/sqrt(fan_in)): the old heuristic Glorot & Bengio (2010) studied."""
    return _uniform(1 / np.sqrt(fan_in), (fan_in, fan_out), rng, dtype)


INITIALIZERS = {
    "zeros": zeros,
    "constant": constant(),
    "normal": normal,
    "uniform": uniform,
    "glorot_uniform": glorot_uniform,
    "glorot_normal": glorot_normal,
    "he_normal": he_normal,
    "he_uniform": he_uniform,
    "lecun_normal": lecun_normal,
    "lecun_uniform_old": lecun_uniform_old,
}


def get_initializer(spec):
    """Return an initializer from a name or a callable ``f(fan_in, fan_out, rng, dtype)``."""
    if callable(spec):
        return spec
    from ._validation import lookup
    return lookup(spec, INITIALIZERS, "initializer")
