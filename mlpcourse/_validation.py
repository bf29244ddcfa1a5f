"""Input checks shared by the package: each raises an error that says what was expected."""
import difflib
import numbers

import numpy as np

FLOAT_DTYPES = ("float32", "float64")


def closest(name, valid):
    """The name in ``valid`` closest to ``name`` (ignoring case), or None if none is close.

    >>> closest("Relu", ["relu", "tanh"]), closest("swish", ["relu", "tanh"])
    ('relu', None)
    """
    if not isinstance(name, str):
        return None
    lowered = {str(v).lower(): v for v in valid}
    match = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def did_you_mean(name, valid, ending=" "):
    """``"did you mean 'relu'?"`` plus ``ending`` if a valid name is close, else ``""``."""
    match = closest(name, valid)
    return f"did you mean {match!r}?{ending}" if match else ""


def check_dtype(dtype):
    """Return ``dtype`` as a numpy float dtype, accepting only float32 and float64."""
    try:
        dt = np.dtype(dtype)
    except TypeError:
        dt = None
    if dt is None or dt.name not in FLOAT_DTYPES:
        hint = did_you_mean(dtype, FLOAT_DTYPES, ending="")
        raise ValueError(f"dtype must be one of {FLOAT_DTYPES}, got {dtype!r}"
                         + (f"; {hint}" if hint else ""))
    return dt


def lookup(name, table, kind):
    """Return ``table[name]``; an unknown name raises ValueError suggesting the closest valid
    name and listing all of them."""
    if not isinstance(name, str):
        raise TypeError(f"{kind} must be given by name (a str), got {type(name).__name__}")
    try:
        return table[name]
    except KeyError:
        valid = ", ".join(sorted(table))
        raise ValueError(f"unknown {kind} {name!r}; {did_you_mean(name, table)}valid names "
                         f"are: {valid}") from None


def check_positive_int(value, name, minimum=1):
    """Check that ``value`` is an integer >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def check_positive_float(value, name, allow_zero=False):
    """Check that ``value`` is a finite real number > 0 (or >= 0 with ``allow_zero``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r}")
    bad = value < 0 if allow_zero else value <= 0
    if bad or not np.isfinite(value):
        expected = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be a finite number {expected}, got {value}")
    return float(value)


def check_fraction(value, name):
    """Check that ``value`` is a real number in [0, 1) (a momentum, a decay rate)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number in [0, 1), got {value!r}")
    if not 0 <= value < 1:
        raise ValueError(f"{name} must be a number in [0, 1), got {value!r}")
    return float(value)


def check_finite(array, name):
    """Raise ValueError if ``array`` holds NaN or infinity."""
    if not np.all(np.isfinite(array)):
        n_nan = int(np.isnan(array).sum())
        n_inf = int(np.isinf(array).sum())
        raise ValueError(f"{name} contains {n_nan} NaN and {n_inf} infinite values; "
                         "clean or impute them before training")


def as_float_array(array, name, dtype):
    """Return ``array`` as an array of ``dtype`` without silently changing its precision.

    Integer and boolean arrays are converted (exactly), and so are Python lists and tuples
    of numbers (they have no precision of their own); a float array of another precision
    raises TypeError, so that float32 data never silently runs in float64 or vice versa.
    """
    arr = np.asarray(array)
    if arr.dtype.kind in "biu" or (arr.dtype.kind == "f" and isinstance(array, (list, tuple))):
        return arr.astype(dtype)
    if arr.dtype.kind != "f":
        raise TypeError(f"{name} must hold numbers, got an array of dtype {arr.dtype}")
    if arr.dtype == dtype:
        return arr
    if arr.dtype.name not in FLOAT_DTYPES:
        raise TypeError(f"{name} has dtype {arr.dtype}, which mlpcourse networks do not "
                        f"compute in (only {' and '.join(FLOAT_DTYPES)}); convert it with "
                        f"{name}.astype({dtype.name!r})")
    raise TypeError(f"{name} has dtype {arr.dtype} but the network uses {dtype}; convert it "
                    f"with {name}.astype({dtype.name!r}) or build the network with "
                    f"dtype={arr.dtype.name!r}")


def check_X(X, n_features, dtype, name="X"):
    """Validate an input batch: 2-D, ``n_features`` columns, finite, of the network's dtype."""
    X = as_float_array(X, name, dtype)
    if X.ndim == 1 and n_features == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2:
        raise ValueError(f"{name} must be 2-D of shape (n_samples, {n_features}), "
                         f"got shape {X.shape}")
    if X.shape[1] != n_features:
        raise ValueError(f"{name} has {X.shape[1]} features (columns) but the network "
                         f"expects {n_features}: shape (n_samples, {n_features})")
    if X.shape[0] == 0:
        raise ValueError(f"{name} has no samples (shape {X.shape})")
    check_finite(X, name)
    return X


def check_y(y, n_samples, n_outputs, dtype, labels=False, name="y"):
    """Validate targets for ``n_samples`` samples and ``n_outputs`` outputs.

    A 1-D ``y`` is accepted for a single-output network and reshaped to (n, 1), so that
    (n,) against (n, 1) never broadcasts into an (n, n) loss. With ``labels=True``
    (categorical cross-entropy), integer class labels of shape (n,) are turned into one-hot
    rows; one-hot targets of shape (n, n_outputs) are accepted as they are.
    """
    y = np.asarray(y)
    if labels and y.ndim == 1:
        if y.dtype.kind not in "iu" and not (y.dtype.kind == "f" and np.all(y == np.round(y))):
            raise TypeError(f"{name} must hold integer class labels 0..{n_outputs - 1}, "
                            f"got dtype {y.dtype}")
        if y.shape[0] != n_samples:
            raise ValueError(f"{name} has {y.shape[0]} labels but X has {n_samples} samples")
        check_finite(y, name)
        if y.size and (y.min() < 0 or y.max() >= n_outputs):
            raise ValueError(f"{name} holds labels from {y.min()} to {y.max()} but the network "
                             f"has {n_outputs} outputs: labels must be in 0..{n_outputs - 1}")
        onehot = np.zeros((n_samples, n_outputs), dtype=dtype)
        onehot[np.arange(n_samples), y.astype(np.intp)] = 1
        return onehot
    y = as_float_array(y, name, dtype) if y.dtype.kind != "f" else y.astype(dtype, copy=False)
    if y.ndim == 1 and n_outputs == 1:
        y = y.reshape(-1, 1)
    if y.ndim != 2 or y.shape[1] != n_outputs:
        raise ValueError(f"{name} must have shape ({n_samples}, {n_outputs}) for a network "
                         f"with {n_outputs} outputs, got shape {y.shape}")
    if y.shape[0] != n_samples:
        raise ValueError(f"{name} has {y.shape[0]} rows but X has {n_samples} samples")
    check_finite(y, name)
    return y


def make_rng(seed):
    """Return a ``numpy.random.Generator`` from an int seed, None or a Generator."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, numbers.Integral) and not isinstance(seed, bool)):
        return np.random.default_rng(seed)
    raise TypeError(f"seed must be an int, None or a numpy.random.Generator, got {seed!r}")
