"""Compare a learner's value with the expected one and say *how* it differs.

``diagnose`` returns ``None`` when the values match, else a message naming the most likely
slip: a transposed array, shape ``(n,)`` for ``(n, 1)``, a flipped sign, a factor 2, the
batch size (a sum where a mean was expected), ...
"""
import numpy as np


def as_numeric(value):
    """``value`` as a float ndarray, or ``None`` if it is not numeric."""
    if isinstance(value, (str, bytes)) or value is None or callable(value):
        return None
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):  # ragged nested lists
        return None
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        return None
    return arr.astype(float)


def values_match(got, expected, rtol=1e-6, atol=1e-9):
    """True if two values (numbers, arrays or tuples of them) agree in shape and value."""
    if isinstance(expected, (tuple, list)) and not _is_flat_numeric(expected):
        return (
            isinstance(got, (tuple, list))
            and len(got) == len(expected)
            and all(values_match(g, e, rtol, atol) for g, e in zip(got, expected))
        )
    if expected is None or isinstance(expected, str):
        return got == expected
    g, e = as_numeric(got), as_numeric(expected)
    if g is None or e is None or g.shape != e.shape:
        return False
    return bool(np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True))


def _is_flat_numeric(seq):
    return all(isinstance(v, (int, float, np.number, bool)) for v in seq)


def _fmt(x):
    return f"{x:.6g}"


def _ratio_message(g, e, rtol, atol, label, batch_sizes):
    """If g == c * e for one constant c != 1, say so (sign, factor 2, batch size)."""
    big = np.abs(e) > 100 * atol
    if not big.any() or not np.allclose(g[~big], 0, atol=10 * atol + 1e-12):
        return None
    c = float(np.median(g[big] / e[big]))
    if not np.isfinite(c) or np.isclose(c, 1.0) or not np.allclose(g, c * e, rtol=rtol, atol=atol):
        return None
    for n in sorted(set(batch_sizes), reverse=True):
        if n > 2 and np.isclose(c, n):
            return (f"{label} is exactly {n} times the expected values, and {n} is the number of "
                    "samples in this batch: did you sum over the samples where a mean was expected?")
        if n > 2 and np.isclose(c, 1 / n):
            return (f"{label} is exactly {n} times smaller than expected, and {n} is the number of "
                    "samples in this batch: did you divide by the batch size where a sum was expected?")
    if np.isclose(c, -1.0):
        return f"{label} has the right size but the opposite sign everywhere: check the sign."
    if np.isclose(c, 2.0):
        return f"{label} is exactly twice the expected values: a factor 2 slipped in."
    if np.isclose(c, 0.5):
        return f"{label} is exactly half the expected values: a factor 2 went missing."
    if np.isclose(c, -2.0) or np.isclose(c, -0.5):
        return f"{label} has the opposite sign and is off by a factor 2 ({_fmt(c)} times the expected values)."
    if e.size == 1:  # any wrong number is "some multiple" of the right one: say nothing
        return None
    return f"{label} is exactly {_fmt(c)} times the expected values: a constant factor is off."


def _shape_message(g, e, rtol, atol, label):
    gs, es = g.shape, e.shape
    if len(gs) == 2 and gs == es[::-1] and np.allclose(g.T, e, rtol=rtol, atol=atol):
        return (f"{label} has shape {gs} but should have shape {es}: it is the transpose of the "
                "right answer. Rows are samples and columns are units (`Z = X @ W + b` with "
                "W of shape (fan_in, fan_out)).")
    if len(es) == 2 and es[1] == 1 and gs == (es[0],):
        return (f"{label} has shape {gs} where shape {es} (a column) was expected: keep the "
                "second axis, e.g. with `.reshape(-1, 1)` or `keepdims=True`.")
    if len(gs) == 2 and gs[1] == 1 and es == (gs[0],):
        return (f"{label} has shape {gs} where the flat shape {es} was expected: "
                "drop the extra axis, e.g. with `.ravel()`.")
    if g.size == e.size and np.allclose(g.ravel(), e.ravel(), rtol=rtol, atol=atol):
        return f"{label} holds the right numbers but has shape {gs} instead of {es}."
    return f"{label} has shape {gs} but should have shape {es}."


def diagnose(got, expected, *, rtol=1e-6, atol=1e-9, label="Your answer", batch_sizes=(), names=None):
    """``None`` if ``got`` matches ``expected``; otherwise a message saying how it differs.

    Parameters
    ----------
    got, expected : number, array-like, or tuple of them
        A tuple ``expected`` (several outputs) is compared element by element.
    batch_sizes : sequence of int
        Sizes that a "sum instead of mean" slip would multiply by (e.g. the number of samples).
    names : sequence of str, optional
        Names of the elements of a tuple ``expected`` (e.g. ``("dW", "db")``).
    """
    if got is None and expected is not None:
        return f"{label} is `None`: did you forget the `return` statement?"
    if isinstance(expected, (tuple, list)) and not _is_flat_numeric(expected):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return f"{label} should be a tuple of {len(expected)} values ({', '.join(names or [])})."
        for i, (g_i, e_i) in enumerate(zip(got, expected)):
            name = names[i] if names else f"output {i}"
            message = diagnose(g_i, e_i, rtol=rtol, atol=atol, label=f"{label} `{name}`",
                               batch_sizes=batch_sizes)
            if message:
                return message
        return None
    g, e = as_numeric(got), as_numeric(expected)
    if e is None:
        return None if got == expected else f"{label} is {got!r}; that is not it."
    if g is None:
        return f"{label} should be a number or an array of numbers, not {type(got).__name__} {got!r:.60}."
    if g.shape != e.shape:
        return _shape_message(g, e, rtol, atol, label)
    if np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True):
        return None
    if not np.isfinite(g).all() and np.isfinite(e).all():
        return f"{label} contains NaN or infinity; the expected values are all finite."
    message = _ratio_message(g, e, rtol, atol, label, batch_sizes)
    if message:
        return message
    if e.ndim == 0:
        return f"{label} is {_fmt(g.item())}, which is not the expected value."
    bad = ~np.isclose(g, e, rtol=rtol, atol=atol)
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    return (f"{label} has the right shape {e.shape}, but {int(bad.sum())} of its {e.size} entries "
            f"are wrong; the first is at index {list(index)}: {_fmt(g[index])} instead of {_fmt(e[index])}.")
